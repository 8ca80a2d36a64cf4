//! The 0-10 scale as a WAI-ARIA radio group: one tab stop, arrow keys move
//! and choose, each radio's accessible name says what the number means.

use ambassador_shared::text::i18n::{fill, Message};
use ambassador_shared::text::messages::Messages;
use ambassador_shared::Score;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// A radio's accessible name: "7 out of 10"; the two ends also say what they
/// mean, since the visible end labels sit apart from the buttons.
fn label(m: &Messages, score: Score) -> String {
    let number = fill(m.get(Message::ScoreLabel), "score", &score.to_string());
    let end = match score.value() {
        0 => Some(Message::NotLikely),
        10 => Some(Message::ExtremelyLikely),
        _ => None,
    };
    match end {
        Some(meaning) => format!("{number}: {}", m.get(meaning)),
        None => number,
    }
}

/// The score a navigation key leads to from `current`, if any.
fn step(current: Option<Score>, key: &str) -> Option<Score> {
    // With nothing chosen, focus rests on 0 (the group's one tab stop).
    let at = current.map_or(0, |s| i64::from(s.value()));
    let next = match key {
        "ArrowRight" | "ArrowDown" => (at + 1).min(10),
        "ArrowLeft" | "ArrowUp" => (at - 1).max(0),
        "Home" => 0,
        "End" => 10,
        _ => return None,
    };
    Score::new(next).ok()
}

/// The score of `radio`, its place in the scale; `None` for anything but a
/// score radio.
fn position(radio: &Element) -> Option<Score> {
    if radio.get_attribute("role").as_deref() != Some("radio") {
        return None;
    }
    let radios = radio.parent_element()?.children();
    let at = (0..radios.length()).find(|&i| radios.item(i).as_ref() == Some(radio))?;
    Score::new(i64::from(at)).ok()
}

/// Moves the keyboard focus to `score`'s radio, a sibling of `pressed`.
fn focus(pressed: &Element, score: Score) {
    let radio = pressed
        .parent_element()
        .and_then(|scale| scale.children().item(score.value().into()))
        .and_then(|radio| radio.dyn_into::<HtmlElement>().ok());
    if let Some(radio) = radio {
        let _ = radio.focus();
    }
}

/// The scale with `selected` checked; choosing (click or keys) emits the score.
pub fn scale(m: &Messages, selected: Option<Score>, on_choose: &Callback<Score>) -> Html {
    let onkeydown = {
        let on_choose = on_choose.clone();
        // A key steps from the radio it was pressed on, the focused one,
        // which `focus` moves at once; `selected` waits for the next render,
        // and a held arrow key repeats faster than that.
        Callback::from(move |e: KeyboardEvent| {
            let Some(pressed) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            let Some(next) = step(position(&pressed).or(selected), &e.key()) else {
                return;
            };
            e.prevent_default();
            on_choose.emit(next);
            focus(&pressed, next);
        })
    };
    let focusable = selected.unwrap_or(Score::MIN);
    let radios = Score::all().map(|score| {
        let checked = selected == Some(score);
        let onclick = on_choose.reform(move |_| score);
        html! {
            <button type="button" role="radio"
                class="score"
                aria-checked={checked.to_string()} aria-label={label(m, score)}
                tabindex={if score == focusable { "0" } else { "-1" }} {onclick}>
                { score.value() }
            </button>
        }
    });
    html! {
        <div class="scale-wrap">
            <div role="radiogroup" class="scale" aria-label={m.get(Message::ScaleDescription).to_owned()} {onkeydown}>
                { for radios }
            </div>
            <div class="ends" aria-hidden="true">
                <span>{ m.get(Message::NotLikely).to_owned() }</span>
                <span>{ m.get(Message::ExtremelyLikely).to_owned() }</span>
            </div>
        </div>
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use ambassador_shared::Locale;

    fn score(v: i64) -> Option<Score> {
        Score::new(v).ok()
    }

    #[test]
    fn arrows_move_from_the_focused_radio_and_stop_at_the_ends() {
        assert_eq!(step(None, "ArrowRight"), score(1));
        assert_eq!(step(None, "ArrowLeft"), score(0));
        assert_eq!(step(score(10), "ArrowDown"), score(10));
        assert_eq!(step(score(5), "ArrowUp"), score(4));
        assert_eq!(step(score(5), "End"), score(10));
        assert_eq!(step(score(5), "Home"), score(0));
        assert_eq!(step(score(5), "a"), None);
    }

    #[test]
    fn end_radios_say_what_they_mean() {
        let (english, swedish) = (Messages::english(), Messages::new(Locale::Sv));
        assert_eq!(
            label(&english, Score::MIN),
            "0 out of 10: Not at all likely"
        );
        assert_eq!(label(&swedish, Score::MAX), "10 av 10: Mycket troligt");
        assert_eq!(label(&english, Score::new(7).expect("7")), "7 out of 10");
    }
}
