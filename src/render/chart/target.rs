//! Target chart data: realisation against a plan, quota or target. With `target="<metric>"`
//! the goal is that metric's figures; without it, the metric's own rencana/kuota/target
//! figures. A plan is never drawn or labelled as realisation: a region with only a plan shows
//! the plan outline and "realisasi tidak ada".

use super::data::{when_text, ChartData, Ctx, Plot, Table};
use super::spec::When;
use crate::charts::{TargetChart, TargetRow};
use crate::diagnostics::Diagnostic;
use crate::format;
use crate::model::{Metric, Observation, Status};
use crate::period::Period;

/// The latest plan, quota or target of `metric` for a region within `when` (or the latest at
/// all: a target often spans several years).
fn pick_planned<'a>(
    cx: &Ctx<'a>,
    region: &str,
    metric: &str,
    when: When,
) -> Option<&'a Observation> {
    let all: Vec<&'a Observation> = cx.c.planned(region, metric).collect();
    let in_when = all.iter().rev().copied().find(|o| match when {
        When::Latest => true,
        When::Year(y) => o.period().year() == y,
        When::Month(y, m) => o.period() == Period::Month(y, m),
    });
    in_when.or_else(|| all.last().copied())
}

pub(crate) fn target(
    cx: &Ctx,
    metric: &str,
    target: Option<&str>,
    when: When,
) -> Result<ChartData, Diagnostic> {
    let actual = cx.metric(metric)?;
    let goal = match target {
        Some(id) => cx.metric(id)?,
        None => actual,
    };
    // A metric with plans but no realised figure yet in the period still has a chart.
    let when = match cx.resolve(&[actual, goal], when) {
        Ok(w) => w,
        Err(e) => {
            let any_plan = cx
                .site
                .regions
                .iter()
                .any(|r| cx.c.planned(&r.code, &goal.id).next().is_some());
            if !any_plan {
                return Err(e);
            }
            when
        }
    };
    let mut rows = Vec::new();
    let mut table = Table::new(cx.headers(&[
        "Region",
        "Realised",
        "Period",
        "Target / quota / plan",
        "Target period",
        "Achieved / absorbed",
    ]));
    let mut lines = Vec::new();
    for r in &cx.site.regions {
        let a = cx.pick(&r.code, &actual.id, when);
        let t = pick_planned(cx, &r.code, &goal.id, when).or_else(|| {
            (goal.id != actual.id)
                .then(|| {
                    cx.pick(&r.code, &goal.id, when)
                        .or_else(|| cx.c.latest(&r.code, &goal.id))
                })
                .flatten()
        });
        if a.is_none() && t.is_none() {
            continue;
        }
        // Penyerapan (absorption) for a quota, capaian (achievement) for a target or plan.
        let share_word = match t.map(|t| t.status()) {
            Some(Status::Kuota) => cx.word("absorbed"),
            _ => cx.word("achieved"),
        };
        let (share, share_words) = match (a, t) {
            (Some(a), Some(t)) if t.value > 0.0 => (
                format!("{}%", format::number(100.0 * a.value / t.value, 0, cx.lang)),
                format!(
                    "{share_word} {}%",
                    format::number(100.0 * a.value / t.value, 1, cx.lang)
                ),
            ),
            _ => (String::new(), String::new()),
        };
        let fmt = |o: Option<&Observation>, m: &Metric| {
            o.map(|o| {
                if o.status().is_realised() {
                    cx.value(m, o.value)
                } else {
                    format!("{} {}", cx.word(o.status().id()), cx.value(m, o.value))
                }
            })
            .unwrap_or_default()
        };
        lines.push(format!(
            "{} {} / {}{}",
            r.name,
            fmt(a, actual),
            fmt(t, goal),
            if share_words.is_empty() {
                String::new()
            } else {
                format!(" ({share_words})")
            }
        ));
        table.row(
            vec![
                r.name.clone(),
                fmt(a, actual),
                a.map(|o| cx.period(o.period())).unwrap_or_default(),
                fmt(t, goal),
                t.map(|o| cx.period(o.period())).unwrap_or_default(),
                share_words.clone(),
            ],
            a.into_iter().chain(t),
        );
        rows.push(TargetRow {
            label: r.name.clone(),
            actual: a.map(|o| o.value),
            target: t.map(|o| o.value),
            actual_label: fmt(a, actual),
            target_label: fmt(t, goal),
            share_label: share,
        });
    }
    let goal_label = if goal.id == actual.id {
        cx.word("its target, quota or plan").to_string()
    } else {
        goal.label.clone()
    };
    let title = format!(
        "{} {} {goal_label}, {}",
        actual.label,
        cx.word("against"),
        when_text(when, cx.lang)
    );
    let desc = format!("{title}: {}.", lines.join("; "));
    let plot = Plot::Target(TargetChart {
        title: String::new(),
        desc: String::new(),
        actual_key: format!("{} ({})", actual.label, cx.word("realised")),
        target_key: goal_label,
        rows,
        no_actual: cx.word("no realisation").into(),
        no_target: cx.word("no target").into(),
    });
    Ok(table.finish(cx, title, desc, plot))
}
