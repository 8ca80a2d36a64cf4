//! The dashboard without a mouse and on small screens: every view reached
//! and its main controls worked with Tab and Enter alone (a select also
//! with the arrow keys, as a keyboard user changes one); on a 360 px phone,
//! on a 460 px one (just wider than where the distribution's labels grow),
//! and at 200% zoom (a 1280 x 800 screen zoomed to 200% lays out as a
//! 640 x 400 window) no view scrolls sideways and no text, chart labels
//! included, is drawn smaller than 12 px.

use ambassador_tests::browser;
use ambassador_tests::dashboard::{open, sign_in, tab_to, ENTER, FITS, SURVEY, VIEWS};
use ambassador_tests::page::{press, wait_for};
use serde_json::json;

const DOWN: char = '\u{e015}';

#[tokio::test]
async fn every_view_and_its_main_controls_work_from_the_keyboard() {
    let client = browser().await;
    sign_in(&client, "ana", &format!("?survey={SURVEY}&period=30d")).await;
    wait_for(
        &client,
        "return document.querySelector('[data-testid=nps]') ? true : null;",
    )
    .await;
    for view in [
        "Trend",
        "Segments",
        "Comments",
        "Cases",
        "Wallboards",
        "Export",
        "Overview",
    ] {
        client
            .execute(
                "document.activeElement.blur(); window.scrollTo(0, 0);",
                vec![],
            )
            .await
            .expect("starts from the top");
        tab_to(
            &client,
            &format!("e.tagName === 'A' && e.textContent === '{view}'"),
        )
        .await;
        press(&client, [ENTER]).await;
        let heading = wait_for(
            &client,
            &format!("const h = document.querySelector('#view-title'); return h && h.textContent === '{view}' ? true : null;"),
        )
        .await;
        assert_eq!(heading, true, "Enter on {view} opens it");
    }

    // The period, from the keyboard: one step down from 30 days is 90.
    tab_to(&client, "e.name === 'period'").await;
    press(&client, [DOWN]).await;
    wait_for(
        &client,
        "return location.search.includes('period=90d') ? true : null;",
    )
    .await;

    // A chart's marks take focus and say their value; its table opens.
    open(
        &client,
        &format!("view=trend&survey={SURVEY}&period=30d"),
        "document.querySelector('[data-testid=trend] circle')",
    )
    .await;
    let mark = tab_to(&client, "e.matches('[data-bucket]')").await;
    assert!(
        mark.as_str().is_some_and(
            |m| m.starts_with("From ") && (m.contains(": NPS ") || m.ends_with(": no answers"))
        ),
        "{mark}"
    );
    tab_to(&client, "e.tagName === 'SUMMARY'").await;
    press(&client, [ENTER]).await;
    let opened = wait_for(
        &client,
        "return document.querySelector('details[open] table') ? true : null;",
    )
    .await;
    assert_eq!(opened, true, "Enter shows the chart as a table");

    // A search typed and sent with Enter.
    open(
        &client,
        &format!("view=comments&survey={SURVEY}&period=12m"),
        "document.querySelector('[data-testid=comments] li')",
    )
    .await;
    tab_to(&client, "e.name === 'q'").await;
    press(&client, "trevlig".chars().chain([ENTER])).await;
    let found = wait_for(
        &client,
        "const q = [...document.querySelectorAll('[data-testid=comments] blockquote')];
         return q.length && q.every(b => /trevlig/i.test(b.textContent)) ? q.length : null;",
    )
    .await;
    assert!(found.as_u64() >= Some(1), "{found}");

    // A case opened and its form reached.
    open(
        &client,
        &format!("view=cases&survey={SURVEY}"),
        "document.querySelector('table.cases tbody tr')",
    )
    .await;
    tab_to(&client, "e.dataset.action === 'open'").await;
    press(&client, [ENTER]).await;
    wait_for(
        &client,
        "return document.querySelector('#case-title') ? true : null;",
    )
    .await;
    let status = tab_to(&client, "e.id === 'case-status' || e.id === 'case-note'").await;
    assert!(!status.is_null());
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn no_view_scrolls_sideways_or_shrinks_text_on_a_phone_or_at_200_percent() {
    let client = browser().await;
    sign_in(&client, "ana", "").await;
    for (width, height) in [(360, 740), (460, 800), (640, 400)] {
        client
            .set_window_size(width, height)
            .await
            .expect("resizes");
        for (view, ready) in VIEWS {
            open(
                &client,
                &format!("view={view}&survey={SURVEY}&period=30d"),
                ready,
            )
            .await;
            let fits = client.execute(FITS, vec![]).await.expect("measures");
            assert_eq!(
                fits,
                json!({"wide": false, "smallest": "readable"}),
                "{view} at {width} px"
            );
        }
    }
    client.close().await.expect("session closes");
}
