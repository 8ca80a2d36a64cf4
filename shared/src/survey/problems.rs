//! Collecting every problem in a survey file, each named by its path.
//!
//! A CX team editing `surveys.toml` should see all mistakes in one run, not
//! fix them one build at a time, so checks record and carry on.

use crate::input::json_fields::{slug, Shape};
use crate::input::limits::MAX_SLUG_CHARS;
use crate::{FieldError, FieldErrorCode};

/// The problems found so far.
#[derive(Default)]
pub(super) struct Problems {
    errors: Vec<FieldError>,
}

impl Problems {
    /// Records a problem at `path`, e.g. `survey[1].destinations[0].url`.
    pub fn add(&mut self, path: &str, code: FieldErrorCode, message: impl Into<String>) {
        self.errors.push(FieldError::new(path, code, message));
    }

    /// The problems, or `value` when there were none.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        match value {
            Some(value) if self.errors.is_empty() => Ok(value),
            _ => Err(self.errors),
        }
    }

    /// A required string of at most `max_chars` characters with the given shape.
    pub fn text(
        &mut self,
        path: &str,
        value: Option<&str>,
        max_chars: usize,
        shape: Shape,
    ) -> Option<String> {
        let Some(text) = value.map(str::trim).filter(|t| !t.is_empty()) else {
            self.add(
                path,
                FieldErrorCode::Missing,
                "required; it may not be empty",
            );
            return None;
        };
        let chars = text.chars().count();
        if chars > max_chars {
            let message = format!("{chars} characters is too long; the limit is {max_chars}");
            self.add(path, FieldErrorCode::TooLong, message);
            return None;
        }
        match shape(text) {
            Ok(()) => Some(text.to_owned()),
            Err(message) => {
                self.add(path, FieldErrorCode::InvalidFormat, message);
                None
            }
        }
    }

    /// A required id: a slug, so it is safe in URLs, storage and reports.
    pub fn id(&mut self, path: &str, value: Option<&str>) -> Option<String> {
        self.text(path, value, MAX_SLUG_CHARS, slug)
    }

    /// Checks each item under `path[i]`, all of them even after a failure;
    /// `None` if any failed.
    pub fn each<R, T>(
        &mut self,
        path: &str,
        items: &[R],
        mut check: impl FnMut(&mut Problems, &str, &R) -> Option<T>,
    ) -> Option<Vec<T>> {
        let checked: Vec<Option<T>> = items
            .iter()
            .enumerate()
            .map(|(i, item)| check(self, &format!("{path}[{i}]"), item))
            .collect();
        checked.into_iter().collect()
    }

    /// Reports every repeat among `values`, which sit at `path[i]` + `suffix`
    /// (e.g. `.id`); the message points at the first use.
    pub fn unique<'a>(
        &mut self,
        path: &str,
        suffix: &str,
        values: impl IntoIterator<Item = Option<&'a str>>,
    ) {
        let mut seen: Vec<(&str, usize)> = Vec::new();
        for (i, value) in values.into_iter().enumerate() {
            let Some(value) = value.map(str::trim) else {
                continue;
            };
            match seen.iter().find(|(v, _)| *v == value) {
                Some((_, first)) => self.add(
                    &format!("{path}[{i}]{suffix}"),
                    FieldErrorCode::Duplicate,
                    format!("{value:?} is already used by {path}[{first}]; each must be unique"),
                ),
                None => seen.push((value, i)),
            }
        }
    }
}
