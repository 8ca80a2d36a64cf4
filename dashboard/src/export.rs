//! Export: the CSV of exactly what the filters show (period, touchpoint,
//! role, source), with how many answers it holds, from the same report the
//! other views read, so the number and the file cannot disagree.

use ambassador_shared::text::dashboard::Label;
use yew::prelude::*;

use crate::view::{use_view_report, ViewProps};
use crate::words::{t, tf, use_locale};

#[function_component(Export)]
pub fn export(props: &ViewProps) -> Html {
    let locale = use_locale();
    let query = props.selection.api_query(props.today);
    let report = match use_view_report(props, locale) {
        Ok(report) => report,
        Err(instead) => return instead,
    };
    let (from, to) = props.selection.period.days(props.today);
    let answers = report.overall.tally().total();
    html! {
        <>
            <p data-testid="export-count">{ tf(locale, Label::ExportText, &[
                ("n", &answers.to_string()), ("from", &from.to_string()), ("to", &to.to_string())]) }</p>
            <p><a class="download" href={format!("/v1/surveys/{}/responses.csv?{query}", props.survey)} download="">
                { t(locale, Label::Download) }</a></p>
        </>
    }
}
