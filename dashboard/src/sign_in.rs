//! The sign-in form: a configured user's name and password.

use serde_json::json;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use ambassador_shared::text::dashboard::Label;

use crate::api;
use crate::app::Me;
use crate::words::{t, use_locale};

#[derive(Properties, PartialEq)]
pub struct SignInProps {
    /// Called with the person once signed in.
    pub on_signed_in: Callback<Me>,
}

#[function_component(SignIn)]
pub fn sign_in(props: &SignInProps) -> Html {
    let locale = use_locale();
    let name = use_node_ref();
    let password = use_node_ref();
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (name, password, error) = (name.clone(), password.clone(), error.clone());
        let on_signed_in = props.on_signed_in.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let body = json!({"name": value(&name), "password": value(&password)});
            let (error, on_signed_in) = (error.clone(), on_signed_in.clone());
            spawn_local(async move {
                match api::send::<Me>("POST", "/v1/session", &body).await {
                    Ok(me) => on_signed_in.emit(me),
                    Err(api::Failure::SignedOut) => {
                        error.set(Some(t(locale, Label::WrongPassword).to_owned()))
                    }
                    Err(failure) => error.set(Some(failure.message(locale))),
                }
            });
        })
    };
    html! {
        <main class="sign-in">
            <h1>{ t(locale, Label::SignInTitle) }</h1>
            <form {onsubmit}>
                <label for="name">{ t(locale, Label::Name) }</label>
                <input id="name" ref={name} autocomplete="username" required=true />
                <label for="password">{ t(locale, Label::Password) }</label>
                <input id="password" ref={password} type="password" autocomplete="current-password" required=true />
                if let Some(message) = &*error {
                    <p class="error" role="alert">{ message }</p>
                }
                <button type="submit">{ t(locale, Label::SignIn) }</button>
            </form>
        </main>
    }
}
