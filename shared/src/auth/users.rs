//! The configured users: a JSON list in the Worker secret `DASHBOARD_USERS`,
//! `[{"name": "ana", "role": "agent", "password": "pbkdf2-sha256$..."}]`,
//! each entry as `ambassador-user` prints it. Checked whole, every problem
//! named by its place (`users[2].role`), so a typo fails loudly at sign-in
//! instead of locking someone out silently.

use serde::Serialize;
use serde_json::Value;

use super::password::PasswordHash;
use crate::input::json_fields::{any_text, read_object, slug, BodyError, FieldReader};
use crate::input::limits::MAX_SLUG_CHARS;
use crate::{FieldError, FieldErrorCode};

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads everything: reports, comments, cases.
    Viewer,
    /// Also works cases: contacts customers, notes, resolves.
    Agent,
}

impl Role {
    /// The role named `text`.
    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "viewer" => Some(Role::Viewer),
            "agent" => Some(Role::Agent),
            _ => None,
        }
    }

    /// Whether this role may change cases.
    pub fn works_cases(self) -> bool {
        self == Role::Agent
    }
}

/// One configured user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// The sign-in name, a slug.
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// The hash of their password.
    pub password: PasswordHash,
}

/// A sign-in request: `{"name", "password"}`.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The sign-in name.
    pub name: String,
    /// The password as typed.
    pub password: String,
}

/// Longest password read: a passphrase, not a payload.
const MAX_PASSWORD_CHARS: usize = 1024;

impl Credentials {
    /// Reads a sign-in body, naming every bad field.
    pub fn from_json(body: &[u8]) -> Result<Credentials, BodyError> {
        let object = read_object(body)?;
        let mut errors = Vec::new();
        let mut reader = FieldReader::new(&object, "", &mut errors);
        reader.reject_unknown(&["name", "password"]);
        let name = reader.required_str("name", MAX_SLUG_CHARS, slug);
        let password = reader.required_str("password", MAX_PASSWORD_CHARS, any_text);
        match (name, password) {
            (Some(name), Some(password)) if errors.is_empty() => Ok(Credentials { name, password }),
            _ => Err(BodyError::Invalid(errors)),
        }
    }
}

/// Keeps the password out of logs.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({:?}, password redacted)", self.name)
    }
}

/// Every configured user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Users(Vec<User>);

const FIELDS: [&str; 3] = ["name", "role", "password"];

impl Users {
    /// Reads the configuration, naming every problem.
    pub fn parse(text: &str) -> Result<Users, Vec<FieldError>> {
        let fail = |message: String| {
            vec![FieldError::new(
                "users",
                FieldErrorCode::InvalidFormat,
                message,
            )]
        };
        let value: Value = serde_json::from_str(text).map_err(|e| {
            fail(format!(
                "not JSON ({e}); a list of users as ambassador-user prints them"
            ))
        })?;
        let Value::Array(items) = value else {
            return Err(fail("must be a JSON list of users".to_owned()));
        };
        let mut errors = Vec::new();
        let mut users = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = format!("users[{i}].");
            let Some(object) = item.as_object() else {
                let message = "must be an object with name, role and password".to_owned();
                errors.push(FieldError::new(
                    &format!("users[{i}]"),
                    FieldErrorCode::WrongType,
                    message,
                ));
                continue;
            };
            let mut reader = FieldReader::new(object, &at, &mut errors);
            reader.reject_unknown(&FIELDS);
            let name = reader.required_str("name", MAX_SLUG_CHARS, slug);
            let role = reader.required_str("role", MAX_SLUG_CHARS, |t| {
                Role::parse(t)
                    .map(|_| ())
                    .ok_or_else(|| format!("{t:?} is not a role; use viewer or agent"))
            });
            let password =
                reader.required_str("password", 256, |t| PasswordHash::parse(t).map(|_| ()));
            if let Some(name) = &name {
                if users.iter().any(|u: &User| &u.name == name) {
                    let message = format!("{name:?} is listed twice; give each user one entry");
                    errors.push(FieldError::new(
                        &format!("{at}name"),
                        FieldErrorCode::Duplicate,
                        message,
                    ));
                }
            }
            if let (Some(name), Some(role), Some(password)) = (name, role, password) {
                users.push(User {
                    name,
                    role: Role::parse(&role).unwrap_or(Role::Viewer),
                    password: PasswordHash::parse(&password).map_err(fail)?,
                });
            }
        }
        match errors.is_empty() {
            true => Ok(Users(users)),
            false => Err(errors),
        }
    }

    /// The user signing in as `name`.
    pub fn get(&self, name: &str) -> Option<&User> {
        self.0.iter().find(|u| u.name == name)
    }

    /// Every user, in the order configured.
    pub fn iter(&self) -> impl Iterator<Item = &User> {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash() -> String {
        PasswordHash::new("pw", b"saltsaltsalt").to_string()
    }

    #[test]
    fn users_are_read_with_their_roles() {
        let text = format!(
            r#"[{{"name": "ana", "role": "agent", "password": "{0}"}},
                {{"name": "vic", "role": "viewer", "password": "{0}"}}]"#,
            hash()
        );
        let users = Users::parse(&text).expect("valid");
        assert_eq!(users.get("ana").map(|u| u.role), Some(Role::Agent));
        assert!(users.get("ana").is_some_and(|u| u.role.works_cases()));
        assert!(!users.get("vic").is_some_and(|u| u.role.works_cases()));
        assert!(users.get("eve").is_none());
    }

    #[test]
    fn credentials_name_every_bad_field() {
        let ok = Credentials::from_json(br#"{"name": "ana", "password": "pw"}"#).expect("valid");
        assert_eq!((ok.name.as_str(), ok.password.as_str()), ("ana", "pw"));
        assert!(!format!("{ok:?}").contains("pw\""));
        let bad = Credentials::from_json(br#"{"name": "Ana B", "password": "", "x": 1}"#)
            .expect_err("invalid");
        let fields: Vec<&str> = bad
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["x", "name", "password"]);
    }

    #[test]
    fn every_problem_is_named_by_its_place() {
        let text = format!(
            r#"[{{"name": "ana", "role": "agent", "password": "{0}"}},
                {{"name": "Ana B", "role": "admin", "password": "secret"}},
                {{"name": "ana", "role": "viewer", "password": "{0}", "email": "x"}},
                7]"#,
            hash()
        );
        let errors = Users::parse(&text).expect_err("invalid");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "users[1].name",
                "users[1].role",
                "users[1].password",
                "users[2].email",
                "users[2].name",
                "users[3]"
            ]
        );
        assert!(Users::parse("{}").is_err());
        assert!(Users::parse("not json").is_err());
    }
}
