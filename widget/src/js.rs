//! Plain JavaScript objects as the widget's data format: the browser already
//! parses and prints JSON, so the wasm carries no JSON library of its own.
//! Every reader tolerates a missing or mistyped field by returning `None`;
//! what to do about it is the caller's call.

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::JsValue;

/// Field `key` of `object`; `undefined` when absent or not an object.
pub fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Field `key` when it is a string.
pub fn string(object: &JsValue, key: &str) -> Option<String> {
    get(object, key).as_string()
}

/// Field `key` when it is a number.
pub fn number(object: &JsValue, key: &str) -> Option<f64> {
    get(object, key).as_f64()
}

/// The items of `value` when it is an array (else none).
pub fn items(value: &JsValue) -> Vec<JsValue> {
    match Array::is_array(value) {
        true => Array::from(value).iter().collect(),
        false => Vec::new(),
    }
}

/// Sets field `key` of `object`; objects made here are always writable.
pub fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(object, &JsValue::from_str(key), &value.into());
}

/// An object with the given string fields.
pub fn object<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> Object {
    let object = Object::new();
    for (key, value) in fields {
        set(&object, key, value);
    }
    object
}

/// `text` parsed as JSON, or `None` when it is not JSON.
pub fn parse(text: &str) -> Option<JsValue> {
    JSON::parse(text).ok()
}

/// `value` printed as JSON.
pub fn stringify(value: &JsValue) -> Option<String> {
    JSON::stringify(value).ok()?.as_string()
}
