// @generated from rubrics/*.yaml by `ASSESS_REGENERATE=1 cargo test --lib catalog`
// (after the rubric checks passed). Do not edit: change the YAML and regenerate.

use indexmap::IndexMap;
use rust_decimal::Decimal;

use crate::rubric::article::{Article, Articles};
#[allow(unused_imports)]
use crate::rubric::condition::{Condition, Op, Test};
#[allow(unused_imports)]
use crate::rubric::{
    AnswerSpec, Band, ChoiceOption, Commitment, Criterion, Definition, Effort, FailurePattern,
    Point, Rubric, Severity, Stage, Stages, Text, Unit,
};

/// Text as the field wants it: an owned `String` or shared rubric [`Text`].
fn s<T: for<'a> From<&'a str>>(text: &str) -> T {
    T::from(text)
}

/// Rubric text whose JSON safety the generator worked out (a debug build checks it).
fn t(text: &'static str, json_safe: bool) -> Text {
    Text::known(text, json_safe)
}

fn d(mantissa: i128, scale: u32) -> Decimal {
    Decimal::from_i128_with_scale(mantissa, scale)
}

#[allow(dead_code)]
fn map(entries: &[(&str, &str)]) -> IndexMap<String, String> {
    entries.iter().map(|(k, v)| (s(k), s(v))).collect()
}

/// The built-in articles, in registry order.
pub(super) fn articles() -> Articles {
    let mut articles = Articles::default();
    articles.insert(Article {
        id: s("dual-tracks"),
        title: s("How do you create dual IC/management tracks?"),
        url: s("https://wattnext.ai"),
        summary: s("Engineers should be able to keep growing in pay, influence and standing either by leading people or by staying technical, with written expectations for every level and the freedom to choose, and later change, their track."),
        sections: map(&[("why-this-matters", "Why this matters"), ("three-commitments", "Three structural commitments"), ("separate-paths", "Separate paths to influence, pay and standing"), ("clear-expectations", "Clear expectations on each track"), ("track-choice", "Choosing a track by strengths and interests"), ("common-failure-patterns", "Common failure patterns")]),
    });
    articles
}

/// The built-in rubrics, in `BUILTIN_RUBRICS` order.
pub(super) fn rubrics() -> Vec<Rubric> {
    vec![rubric_0()]
}

fn rubric_0() -> Rubric {
    Rubric::generated(Definition {
        id: s("dual-track"),
        version: s("1.0.0"),
        title: s("Dual IC/management career tracks"),
        dimension: s("leadership-pipeline"),
        description: s("Checks whether an engineering organisation offers two real career tracks: one for people who lead teams and one for people who stay hands-on technical. Both should reach similar seniority, pay and decision power, have written expectations at every level, and let people choose, and later change, their track without penalty."),
        weak_below: d(60, 0),
        min_coverage: d(50, 0),
        min_group_size: 5,
        gap_notable: d(10, 1),
        gap_severe: d(167, 2),
        overall_min_counted: d(50, 0),
        sources: Some(s("docs/rubric-sources.md")),
        stages: Some(Stages {
            size: s("engineers"),
            meanwhile: s("Before these sizes, what matters is that every engineer has regular career conversations, that the choice between leading people and staying technical is made openly and can be undone, and that what each role expects is written down, even informally."),
            levels: vec![
                Stage {
                    id: s("formal-ladder"),
                    from: d(40, 0),
                    title: s("a formal career ladder"),
                    why: s("Informal expectations tend to stop working somewhere between 20 and 40 engineers, and companies usually write a formal ladder once engineering passes 40 to 50 people (five to eight teams). The rubric takes the lower end, 40."),
                },
                Stage {
                    id: s("staff-plus"),
                    from: d(100, 0),
                    title: s("Staff+ roles and IC pay bands"),
                    why: s("Separate pay bands for senior ICs and Staff-or-above roles (architects, Staff and Principal engineers) usually appear around 100 engineers. This is a judgement drawn from engineering scaling guides, not a measured threshold."),
                },
            ],
        }),
        bands: vec![
            Band {
                id: s("critical"),
                from: d(0, 0),
            },
            Band {
                id: s("weak"),
                from: d(40, 0),
            },
            Band {
                id: s("developing"),
                from: d(60, 0),
            },
            Band {
                id: s("strong"),
                from: d(80, 0),
            },
        ],
        commitments: vec![
            Commitment {
                id: t("separate-paths", true),
                title: t("Separate paths to influence, pay and standing", true),
                description: t("The technical track climbs as high as the management track, pays as well at each mapped level, and gives senior engineers real decision rights, so nobody has to take on people management just to keep growing.", true),
                weight: d(1, 0),
                article: s("dual-tracks#separate-paths"),
                criteria: vec![
                    Criterion {
                        id: t("engineers", true),
                        prompt: t("How many engineers work in your engineering organisation, managers included?", true),
                        help: s("Head count of everyone in an engineering role on the assessment date, individual contributors and managers together, from your HRIS. Count contractors only if they are levelled in your career framework."),
                        weight: d(0, 0),
                        action: t("Nothing to fix: this is context. It decides which questions apply at your size: a formal ladder is expected from 40 engineers, Staff+ roles and IC pay bands from 100.", true),
                        effort: Effort::Low,
                        article: None,
                        applies_when: None,
                        stage: None,
                        opinion: false,
                        answer: AnswerSpec::Number {
                            unit: Unit::Count,
                            min: Some(d(1, 0)),
                            max: Some(d(1000000, 0)),
                            points: Vec::new(),
                            per: None,
                        },
                    },
                    Criterion {
                        id: t("ic-ladder-top", true),
                        prompt: t("What is the highest level on your individual-contributor (IC) ladder, and which management level is it treated as equal to?", true),
                        help: s("Take the top IC level that is written into your career framework and has its own pay band, even if nobody holds it yet. If your level names differ from the options, pick the option whose management peer matches your own mapping."),
                        weight: d(3, 0),
                        action: t("Add IC levels above Senior until the top IC level stands level with Director or higher. Give each new level a written scope, a pay band and a named management peer.", true),
                        effort: Effort::High,
                        article: None,
                        applies_when: None,
                        stage: Some(s("staff-plus")),
                        opinion: false,
                        answer: AnswerSpec::Choice {
                            options: vec![
                                ChoiceOption {
                                    id: s("senior"),
                                    label: s("Senior engineer: the IC ladder stops where management starts"),
                                    score: d(0, 0),
                                },
                                ChoiceOption {
                                    id: s("staff"),
                                    label: s("Staff engineer, on a par with Engineering Manager"),
                                    score: d(4, 1),
                                },
                                ChoiceOption {
                                    id: s("senior-staff"),
                                    label: s("Senior Staff engineer, on a par with Senior Engineering Manager"),
                                    score: d(6, 1),
                                },
                                ChoiceOption {
                                    id: s("principal"),
                                    label: s("Principal engineer, on a par with Director"),
                                    score: d(85, 2),
                                },
                                ChoiceOption {
                                    id: s("distinguished"),
                                    label: s("Distinguished engineer, on a par with VP"),
                                    score: d(1, 0),
                                },
                                ChoiceOption {
                                    id: s("fellow"),
                                    label: s("Fellow, on a par with SVP or CTO"),
                                    score: d(1, 0),
                                },
                            ],
                        },
                    },
                    Criterion {
                        id: t("staff-plus-share", true),
                        prompt: t("Of all Staff-or-above ICs and all people managers taken together, what percentage are Staff-or-above ICs?", true),
                        help: s("From your HRIS, count ICs at Staff level or above (S) and people managers at any level (M). Answer 100 x S / (S + M). Example: 30 Staff+ ICs and 50 managers give 37.5."),
                        weight: d(2, 0),
                        action: t("Create more Staff+ roles, through promotion and hiring, and check that senior headcount is not going only to management openings. About 40% is a healthy share.", true),
                        effort: Effort::High,
                        article: None,
                        applies_when: None,
                        stage: Some(s("staff-plus")),
                        opinion: false,
                        answer: AnswerSpec::Number {
                            unit: Unit::Percent,
                            min: Some(d(0, 0)),
                            max: Some(d(100, 0)),
                            points: vec![
                                Point {
                                    x: d(10, 0),
                                    score: d(0, 0),
                                },
                                Point {
                                    x: d(20, 0),
                                    score: d(4, 1),
                                },
                                Point {
                                    x: d(40, 0),
                                    score: d(1, 0),
                                },
                            ],
                            per: None,
                        },
                    },
                    Criterion {
                        id: t("staff-plus-forums", true),
                        prompt: t("In how many of these five forums does a Staff-or-above IC hold a standing seat: planning, architecture review, performance calibration, headcount decisions, incident review?", true),
                        help: s("Count a forum only if a Staff+ IC is a named, permanent member (in the charter or the standing invitation list), not an occasional guest. Answer a number from 0 to 5."),
                        weight: d(2, 0),
                        action: t("Give Staff+ ICs named seats in at least three of the five forums, starting with calibration and architecture review, and write the seats into each forum's charter.", true),
                        effort: Effort::Medium,
                        article: None,
                        applies_when: None,
                        stage: Some(s("staff-plus")),
                        opinion: false,
                        answer: AnswerSpec::Number {
                            unit: Unit::Count,
                            min: Some(d(0, 0)),
                            max: Some(d(5, 0)),
                            points: vec![
                                Point {
                                    x: d(1, 0),
                                    score: d(0, 0),
                                },
                                Point {
                                    x: d(3, 0),
                                    score: d(1, 0),
                                },
                            ],
                            per: None,
                        },
                    },
                    Criterion {
                        id: t("staff-to-manager-pay", true),
                        prompt: t("What is the median total pay of Staff ICs divided by the median total pay of the management level you treat as equal to Staff?", true),
                        help: s("Use total compensation (base salary + target bonus + yearly equity value) from your latest comp review. Divide the Staff IC median by the median of the mapped manager level, usually Engineering Manager. Example: 190,000 / 200,000 = 0.95. Without a Staff level, compare your top IC level with the manager level it maps to."),
                        weight: d(3, 0),
                        action: t("Bring Staff pay to within 5% of its management peer, and do the same for every higher pair of levels: align base ranges, bonus targets and equity guidelines, and budget the correction in the next comp cycle.", true),
                        effort: Effort::High,
                        article: None,
                        applies_when: None,
                        stage: Some(s("staff-plus")),
                        opinion: false,
                        answer: AnswerSpec::Number {
                            unit: Unit::Ratio,
                            min: Some(d(0, 0)),
                            max: Some(d(3, 0)),
                            points: vec![
                                Point {
                                    x: d(85, 2),
                                    score: d(0, 0),
                                },
                                Point {
                                    x: d(90, 2),
                                    score: d(4, 1),
                                },
                                Point {
                                    x: d(95, 2),
                                    score: d(1, 0),
                                },
                            ],
                            per: None,
                        },
                    },
                    Criterion {
                        id: t("band-structure", true),
                        prompt: t("At the same grade, how do the pay bands of ICs and managers compare (salary range, bonus target and equity guideline)?", true),
                        help: s("Compare your compensation band tables grade by grade. Choose \"manager bands higher\" if managers come out ahead on any one of the three parts at any grade."),
                        weight: d(2, 0),
                        action: t("Put both tracks on one band table per grade, with the same salary range, bonus target and equity guideline, and publish IC bands for every level above Senior.", true),
                        effort: Effort::Medium,
                        article: None,
                        applies_when: None,
                        stage: Some(s("staff-plus")),
                        opinion: false,
                        answer: AnswerSpec::Choice {
                            options: vec![
                                ChoiceOption {
                                    id: s("identical"),
                                    label: s("The same bands for both tracks"),
                                    score: d(1, 0),
                                },
                                ChoiceOption {
                                    id: s("ic-higher"),
                                    label: s("IC bands are higher on at least one part, never lower"),
                                    score: d(1, 0),
                                },
                                ChoiceOption {
                                    id: s("manager-higher"),
                                    label: s("Manager bands are higher on at least one part"),
                                    score: d(0, 0),
                                },
                                ChoiceOption {
                                    id: s("no-ic-bands"),
                                    label: s("There are no IC bands above Senior"),
                                    score: d(0, 0),
                                },
                            ],
                        },
                    },
                    Criterion {
                        id: t("switch-raise", true),
                        prompt: t("Does an IC who becomes a manager at the same grade get a pay rise for the move?", true),
                        help: s("Check your transfer or promotion policy and the last few IC-to-manager moves in the HRIS. A \"manager allowance\" or a higher bonus target also counts as a rise."),
                        weight: d(1, 0),
                        action: t("Stop paying for the switch itself: a move between tracks at the same grade keeps the same pay, and rises come only with a change of grade.", true),
                        effort: Effort::Low,
                        article: Some(s("dual-tracks#common-failure-patterns")),
                        applies_when: None,
                        stage: None,
                        opinion: false,
                        answer: AnswerSpec::YesNo {
                            healthy: false,
                        },
                    },
                    Criterion {
                        id: t("ic-decision-rights", true),
                        prompt: t("Does any IC level hold a formal right to approve or veto decisions on architecture or technical strategy?", true),
                        help: s("It has to be written down: in the architecture review charter, the design-document or RFC process, or the level descriptions. \"We usually ask them\" does not count."),
                        weight: d(2, 0),
                        action: t("Name Staff+ or Principal ICs as required approvers for architecture and technical strategy decisions, and write that right into the review process and the level descriptions.", true),
                        effort: Effort::Medium,
                        article: None,
                        applies_when: None,
                        stage: Some(s("staff-plus")),
                        opinion: false,
                        answer: AnswerSpec::YesNo {
                            healthy: true,
                        },
                    },
                    Criterion {
                        id: t("staff-plus-authored-decisions", true),
                        prompt: t("Of the major technical proposals or decision records of the last 12 months, what percentage were written or approved by a Staff-or-above IC?", true),
                        help: s("Go through your design documents, RFCs or architecture decision records from the last 12 months. Count those with a Staff+ IC as author or approver and divide by the total."),
                        weight: d(1, 0),
                        action: t("Route major technical proposals through Staff+ ICs as authors or approvers, and check the share each quarter until it is above half.", true),
                        effort: Effort::Medium,
                        article: None,
                        applies_when: None,
                        stage: Some(s("staff-plus")),
                        opinion: false,
                        answer: AnswerSpec::Number {
                            unit: Unit::Percent,
                            min: Some(d(0, 0)),
                            max: Some(d(100, 0)),
                            points: vec![
                                Point {
                                    x: d(20, 0),
                                    score: d(0, 0),
                                },
                                Point {
                                    x: d(50, 0),
                                    score: d(1, 0),
                                },
                            ],
                            per: None,
                        },
                    },
                    Criterion {
                        id: t("ic-respect", true),
                        prompt: t("\"A Staff or Principal engineer here is as respected as an Engineering Manager or Director.\"", false),
                        help: s("Survey item on the five-point agreement scale. Ask Staff+ ICs, Senior ICs, managers and leadership separately if you can, and enter each group under `respondents`."),
                        weight: d(1, 0),
                        action: t("Make Staff+ work visible: let Staff+ ICs present at all-hands and leadership reviews, name them when strategy decisions are announced, and give them the same access to senior leaders that managers have.", true),
                        effort: Effort::Medium,
                        article: None,
                        applies_when: None,
                        stage: Some(s("staff-plus")),
                        opinion: true,
                        answer: AnswerSpec::Likert {
                            scale: 5,
                            labels: vec![
                                s("Strongly disagree"),
                                s("Disagree"),
                                s("Neither agree nor disagree"),
                                s("Agree"),
                                s("Strongly agree"),
                            ],
                            reverse: false,
                        },
                    },
                    Criterion {
                        id: t("pay-parity-belief", true),
                        prompt: t("\"I could earn as much by staying technical as by becoming a manager.\"", false),
                        help: s("Survey item on the five-point agreement scale. The Senior IC group matters most here: they are the ones deciding whether to switch."),
                        weight: d(1, 0),
                        action: t("Publish IC and management bands side by side with the level mapping, so people can see that staying technical costs them nothing. If the bands are not equal, fix them first.", true),
                        effort: Effort::Low,
                        article: Some(s("dual-tracks#common-failure-patterns")),
                        applies_when: None,
                        stage: None,
                        opinion: true,
                        answer: AnswerSpec::Likert {
                            scale: 5,
                            labels: vec![
                                s("Strongly disagree"),
                                s("Disagree"),
                                s("Neither agree nor disagree"),
                                s("Agree"),
                                s("Strongly agree"),
                            ],
                            reverse: false,
                        },
                    },
                    Criterion {
                        id: t("objections-heard", true),
                        prompt: t("\"When Staff+ engineers object to a decision, the decision is looked at again.\"", false),
                        help: s("Survey item on the five-point agreement scale. Compare the answers of Staff+ ICs with those of managers and leadership: a large difference is a warning sign in itself."),
                        weight: d(1, 0),
                        action: t("Give Staff+ objections a set route: a written objection leads to a second review with a recorded answer, and the outcome is shared with the person who objected.", true),
                        effort: Effort::Medium,
                        article: Some(s("dual-tracks#common-failure-patterns")),
                        applies_when: None,
                        stage: Some(s("staff-plus")),
                        opinion: true,
                        answer: AnswerSpec::Likert {
                            scale: 5,
                            labels: vec![
                                s("Strongly disagree"),
                                s("Disagree"),
                                s("Neither agree nor disagree"),
                                s("Agree"),
                                s("Strongly agree"),
                            ],
                            reverse: false,
                        },
                    },
                ],
            },
            Commitment {
                id: t("clear-expectations", true),
                title: t("Clear expectations on each track", true),
                description: t("Every level on both tracks has written expectations, decision rights and promotion criteria, the two ladders are mapped to each other, and the framework is kept up to date.", true),
                weight: d(1, 0),
                article: s("dual-tracks#clear-expectations"),
                criteria: vec![
                    Criterion {
                        id: t("written-expectations", true),
                        prompt: t("Is what each engineering role is expected to do written down somewhere every engineer can read it, even informally?", true),
                        help: s("Yes if each role (for example engineer, senior engineer, team lead, manager) has a short written description of scope and expectations, on a wiki page or in a shared document. It need not be a formal ladder; this question applies at any size."),
                        weight: d(2, 0),
                        action: t("Write one short page per role: what the person owns, what good work looks like, and what leads to the next step, on either track. Share it with everyone and revisit it twice a year.", true),
                        effort: Effort::Low,
                        article: None,
                        applies_when: None,
                        stage: None,
                        opinion: false,
                        answer: AnswerSpec::YesNo {
                            healthy: true,
                        },
                    },
                    Criterion {
                        id: t("documented-levels", true),
                        prompt: t("Across both tracks, what percentage of levels have written expectations that include what a person at that level may decide?", true),
                        help: s("List every level on both ladders (IC1-IC7 plus M1-M5 makes 12 levels). Count the levels whose written description states the decisions the person makes on their own, and divide by the total."),
                        weight: d(3, 0),
                        action: t("Write a description for each missing level on both tracks: scope, expected impact and the decisions the person owns. Management levels are the ones most often left out.", true),
                        effort: Effort::Medium,
                        article: None,
                        applies_when: None,
                        stage: Some(s("formal-ladder")),
                        opinion: false,
                        answer: AnswerSpec::Number {
                            unit: Unit::Percent,
                            min: Some(d(0, 0)),
                            max: Some(d(100, 0)),
                            points: vec![
                                Point {
                                    x: d(50, 0),
                                    score: d(0, 0),
                                },
                                Point {
                                    x: d(100, 0),
                                    score: d(1, 0),
                                },
                            ],
                            per: None,
                        },
                    },
                    Criterion {
                        id: t("written-promotion-criteria", true),
                        prompt: t("Do both tracks have written promotion criteria that say what evidence a promotion needs?", true),
                        help: s("Answer yes only if the IC track and the management track both have them. The evidence standard should say what must be shown and for how long, for example \"performing at the next level for a full quarter, checked at the twice-yearly review\"."),
                        weight: d(2, 0),
                        action: t("Write promotion criteria for each track with a clear evidence standard (what must be shown, for how long, judged by whom), and use them in every promotion case.", true),
                        effort: Effort::Medium,
                        article: None,
                        applies_when: None,
                        stage: Some(s("formal-ladder")),
                        opinion: false,
                        answer: AnswerSpec::YesNo {
                            healthy: true,
                        },
                    },
                    Criterion {
                        id: t("level-mapping", true),
                        prompt: t("Do you publish a table showing which IC level matches which management level?", true),
                        help: s("Yes if every employee can see a mapping such as \"Staff = Engineering Manager, Principal = Director\". A mapping kept only in the comp team's spreadsheet counts as no."),
                        weight: d(2, 0),
                        action: t("Publish one table pairing each IC level with its management peer, and use the same pairs for pay bands, titles and invitations to senior forums.", true),
                        effort: Effort::Low,
                        article: None,
                        applies_when: None,
                        stage: Some(s("formal-ladder")),
                        opinion: false,
                        answer: AnswerSpec::YesNo {
                            healthy: true,
                        },
                    },
                    Criterion {
                        id: t("ladder-age-months", true),
                        prompt: t("How many months ago was your career ladder last revised?", true),
                        help: s("Take the date of the last approved change to the level descriptions. If the two tracks were revised at different times, use the older date."),
                        weight: d(1, 0),
                        action: t("Review both ladders at least once a year against the work people actually do, and record the date of each revision.", true),
                        effort: Effort::Low,
                        article: None,
                        applies_when: None,
                        stage: Some(s("formal-ladder")),
                        opinion: false,
                        answer: AnswerSpec::Number {
                            unit: Unit::Months,
                            min: Some(d(0, 0)),
                            max: Some(d(600, 0)),
                            points: vec![
                                Point {
                                    x: d(12, 0),
                                    score: d(1, 0),
                                },
                                Point {
                                    x: d(24, 0),
                                    score: d(5, 1),
                                },
                                Point {
                                    x: d(36, 0),
                                    score: d(0, 0),
                                },
                            ],
                            per: None,
                        },
                    },
                    Criterion {
                        id: t("ladder-headroom", true),
                        prompt: t("Is there at least one IC level above the level your most senior IC holds today?", true),
                        help: s("Compare the top level in your IC framework with the highest level anyone actually holds. If someone already sits at the top IC level, answer no."),
                        weight: d(1, 0),
                        action: t("Add a level above your most senior IC, with scope, pay band and management peer, so your strongest engineers can keep growing without moving into management.", true),
                        effort: Effort::Medium,
                        article: None,
                        applies_when: None,
                        stage: Some(s("formal-ladder")),
                        opinion: false,
                        answer: AnswerSpec::YesNo {
                            healthy: true,
                        },
                    },
                    Criterion {
                        id: t("tenure-promotions", true),
                        prompt: t("Of the promotions above Senior in the last 24 months, what percentage were argued mainly on time in the role rather than on impact?", true),
                        help: s("Read the promotion cases or calibration notes for every promotion to Staff or higher in the last 24 months. Count those whose main argument is years of service or loyalty rather than evidence of impact, and divide by the total."),
                        weight: d(1, 0),
                        action: t("Require evidence of impact in every promotion case above Senior, and have calibration send back cases that rest on length of service.", true),
                        effort: Effort::Low,
                        article: Some(s("dual-tracks#common-failure-patterns")),
                        applies_when: None,
                        stage: Some(s("staff-plus")),
                        opinion: false,
                        answer: AnswerSpec::Number {
                            unit: Unit::Percent,
                            min: Some(d(0, 0)),
                            max: Some(d(100, 0)),
                            points: vec![
                                Point {
                                    x: d(0, 0),
                                    score: d(1, 0),
                                },
                                Point {
                                    x: d(10, 0),
                                    score: d(5, 1),
                                },
                                Point {
                                    x: d(25, 0),
                                    score: d(0, 0),
                                },
                            ],
                            per: None,
                        },
                    },
                    Criterion {
                        id: t("advancement-clarity", true),
                        prompt: t("\"I know what I need to show to reach the next level on my track.\"", false),
                        help: s("Survey item on the five-point agreement scale. Ask ICs and managers separately: a difference of more than one point between them means one ladder is less clear."),
                        weight: d(1, 0),
                        action: t("Go through the next level's criteria with every engineer in their next career conversation, and add worked examples of promotion evidence to the framework.", true),
                        effort: Effort::Low,
                        article: None,
                        applies_when: None,
                        stage: None,
                        opinion: true,
                        answer: AnswerSpec::Likert {
                            scale: 5,
                            labels: vec![
                                s("Strongly disagree"),
                                s("Disagree"),
                                s("Neither agree nor disagree"),
                                s("Agree"),
                                s("Strongly agree"),
                            ],
                            reverse: false,
                        },
                    },
                ],
            },
            Commitment {
                id: t("track-choice", true),
                title: t("Choosing a track by strengths and interests", true),
                description: t("People choose a track because of what they are good at and enjoy, after trying the work, not because of seniority or pay, and they can move back later without losing their grade.", true),
                weight: d(1, 0),
                article: s("dual-tracks#track-choice"),
                criteria: vec![
                    Criterion {
                        id: t("people-managers", true),
                        prompt: t("How many people managers are there in engineering?", true),
                        help: s("Count everyone in engineering with at least one direct report, at any management level, from your HRIS."),
                        weight: d(0, 0),
                        action: t("Nothing to fix: this is context. It decides whether the question on managers moving back to IC work applies (it does from 20 managers up).", true),
                        effort: Effort::Low,
                        article: None,
                        applies_when: None,
                        stage: None,
                        opinion: false,
                        answer: AnswerSpec::Number {
                            unit: Unit::Count,
                            min: Some(d(0, 0)),
                            max: Some(d(100000, 0)),
                            points: Vec::new(),
                            per: None,
                        },
                    },
                    Criterion {
                        id: t("career-conversations", true),
                        prompt: t("How often does each engineer have a career conversation with their manager, apart from the performance review?", true),
                        help: s("Check your people-process calendar or manager guidelines. If it differs between teams, choose what most teams actually do."),
                        weight: d(2, 0),
                        action: t("Hold a career conversation with every engineer each quarter, separate from the performance review, using a short guide that covers both tracks.", true),
                        effort: Effort::Low,
                        article: None,
                        applies_when: None,
                        stage: None,
                        opinion: false,
                        answer: AnswerSpec::Choice {
                            options: vec![
                                ChoiceOption {
                                    id: s("none"),
                                    label: s("No set rhythm"),
                                    score: d(0, 0),
                                },
                                ChoiceOption {
                                    id: s("annual"),
                                    label: s("Once a year"),
                                    score: d(33, 2),
                                },
                                ChoiceOption {
                                    id: s("half-yearly"),
                                    label: s("Twice a year"),
                                    score: d(67, 2),
                                },
                                ChoiceOption {
                                    id: s("quarterly"),
                                    label: s("Every quarter or more often"),
                                    score: d(1, 0),
                                },
                            ],
                        },
                    },
                    Criterion {
                        id: t("self-nominated-managers", true),
                        prompt: t("Of the people who became managers in the last 24 months, what percentage asked for the role themselves?", true),
                        help: s("For each new manager of the last 24 months, check the promotion or transfer record, or ask their own manager, whether the move started with the person's own request rather than being asked or told to take the team."),
                        weight: d(2, 0),
                        action: t("Fill manager roles through an open call where people put themselves forward, instead of asking the strongest engineer on the team to take it on.", true),
                        effort: Effort::Low,
                        article: None,
                        applies_when: None,
                        stage: None,
                        opinion: false,
                        answer: AnswerSpec::Number {
                            unit: Unit::Percent,
                            min: Some(d(0, 0)),
                            max: Some(d(100, 0)),
                            points: vec![
                                Point {
                                    x: d(50, 0),
                                    score: d(0, 0),
                                },
                                Point {
                                    x: d(80, 0),
                                    score: d(1, 0),
                                },
                            ],
                            per: None,
                        },
                    },
                    Criterion {
                        id: t("pay-motivated-managers", true),
                        prompt: t("Of the people who became managers in the last 24 months, what percentage give pay or title as their main reason?", true),
                        help: s("Ask one question in the new-manager onboarding or 90-day check-in: \"What was the main reason you took this role?\" Count answers that name money, title or \"the only way up\"."),
                        weight: d(1, 0),
                        action: t("Remove pay and title as reasons to switch (see the pay questions), and ask every candidate for a manager role why they want to lead people.", true),
                        effort: Effort::Medium,
                        article: None,
                        applies_when: None,
                        stage: None,
                        opinion: false,
                        answer: AnswerSpec::Number {
                            unit: Unit::Percent,
                            min: Some(d(0, 0)),
                            max: Some(d(100, 0)),
                            points: vec![
                                Point {
                                    x: d(10, 0),
                                    score: d(1, 0),
                                },
                                Point {
                                    x: d(50, 0),
                                    score: d(0, 0),
                                },
                            ],
                            per: None,
                        },
                    },
                    Criterion {
                        id: t("trial-management-stints", true),
                        prompt: t("In the last 12 months, how many engineers tried management work for a while, for example as acting manager or as the lead of a hiring loop?", true),
                        help: s("Count acting or interim manager assignments and hiring-loop leads of the last 12 months, from HRIS or recruiting records. The count is scored per people manager, so 4 trials mean more with 5 managers than with 38."),
                        weight: d(1, 0),
                        action: t("Offer short trials before anyone switches: cover for a manager on leave, lead a hiring loop, or run a team's one-to-ones for a quarter. Aim for at least one per team a year.", true),
                        effort: Effort::Low,
                        article: None,
                        applies_when: None,
                        stage: None,
                        opinion: false,
                        answer: AnswerSpec::Number {
                            unit: Unit::Count,
                            min: Some(d(0, 0)),
                            max: Some(d(10000, 0)),
                            points: vec![
                                Point {
                                    x: d(0, 0),
                                    score: d(0, 0),
                                },
                                Point {
                                    x: d(25, 2),
                                    score: d(1, 0),
                                },
                            ],
                            per: Some(s("people-managers")),
                        },
                    },
                    Criterion {
                        id: t("manager-training", true),
                        prompt: t("Do people get management training before they start managing?", true),
                        help: s("Yes if there is a course or programme that new managers finish before, or at the latest when, they take their first team."),
                        weight: d(1, 0),
                        action: t("Start a short pre-manager programme (feedback, hiring, one-to-ones, performance conversations) that people finish before they take their first team.", true),
                        effort: Effort::Medium,
                        article: None,
                        applies_when: None,
                        stage: None,
                        opinion: false,
                        answer: AnswerSpec::YesNo {
                            healthy: true,
                        },
                    },
                    Criterion {
                        id: t("two-way-switch-policy", true),
                        prompt: t("Is there a written policy that lets people move from IC to manager and back again, with a trial period?", true),
                        help: s("Yes only if the policy is written down, covers both directions and sets a trial period; three to six months is common."),
                        weight: d(2, 0),
                        action: t("Write a track-switch policy: moves in both directions, a trial of three to six months, and a guaranteed way back if the trial does not work out.", true),
                        effort: Effort::Low,
                        article: None,
                        applies_when: None,
                        stage: None,
                        opinion: false,
                        answer: AnswerSpec::YesNo {
                            healthy: true,
                        },
                    },
                    Criterion {
                        id: t("em-to-ic-moves", true),
                        prompt: t("In the last 24 months, how many managers moved back to an IC role by their own choice?", true),
                        help: s("Count manager-to-IC moves in the HRIS job history for the last 24 months. Leave out moves that followed a low performance rating or a reorganisation. The count is scored per people manager."),
                        weight: d(1, 0),
                        action: t("Make the way back visible: tell managers the option exists, and share the stories of people who went back to IC work and kept growing.", true),
                        effort: Effort::Low,
                        article: None,
                        applies_when: Some(Condition::Test(Test {
                            criterion: s("people-managers"),
                            number: Some(20),
                            op: Op::AtLeast(d(20, 0)),
                            action: None,
                            finding: None,
                        })),
                        stage: None,
                        opinion: false,
                        answer: AnswerSpec::Number {
                            unit: Unit::Count,
                            min: Some(d(0, 0)),
                            max: Some(d(10000, 0)),
                            points: vec![
                                Point {
                                    x: d(0, 0),
                                    score: d(0, 0),
                                },
                                Point {
                                    x: d(1, 1),
                                    score: d(1, 0),
                                },
                            ],
                            per: Some(s("people-managers")),
                        },
                    },
                    Criterion {
                        id: t("return-grade", true),
                        prompt: t("When a manager moves back to an IC role, at which grade do they land?", true),
                        help: s("Use the switch policy if it says; otherwise look at what happened in the most recent moves back."),
                        weight: d(1, 0),
                        action: t("Guarantee a return at the same grade, with no new interview, and write it into the switch policy.", true),
                        effort: Effort::Low,
                        article: None,
                        applies_when: None,
                        stage: None,
                        opinion: false,
                        answer: AnswerSpec::Choice {
                            options: vec![
                                ChoiceOption {
                                    id: s("same-grade"),
                                    label: s("The same grade"),
                                    score: d(1, 0),
                                },
                                ChoiceOption {
                                    id: s("one-grade-lower"),
                                    label: s("One grade lower"),
                                    score: d(3, 1),
                                },
                                ChoiceOption {
                                    id: s("re-interview"),
                                    label: s("They must interview again for an IC role"),
                                    score: d(0, 0),
                                },
                            ],
                        },
                    },
                    Criterion {
                        id: t("reassigned-managers-share", true),
                        prompt: t("Of all appointments to Staff-or-above IC roles in the last 24 months, what percentage were managers moved out of management after a low rating or a reorganisation?", true),
                        help: s("List each Staff+ IC appointment of the last 24 months. In the HRIS, check the person's previous role and the recorded reason for the move."),
                        weight: d(1, 0),
                        action: t("Stop using Staff+ titles to place managers who are leaving management: such moves go through the same promotion criteria as any other Staff+ appointment.", true),
                        effort: Effort::Medium,
                        article: Some(s("dual-tracks#common-failure-patterns")),
                        applies_when: None,
                        stage: Some(s("staff-plus")),
                        opinion: false,
                        answer: AnswerSpec::Number {
                            unit: Unit::Percent,
                            min: Some(d(0, 0)),
                            max: Some(d(100, 0)),
                            points: vec![
                                Point {
                                    x: d(0, 0),
                                    score: d(1, 0),
                                },
                                Point {
                                    x: d(25, 0),
                                    score: d(0, 0),
                                },
                            ],
                            per: None,
                        },
                    },
                    Criterion {
                        id: t("consolation-belief", true),
                        prompt: t("\"People move to the technical track when they do not make it as managers.\"", false),
                        help: s("Survey item on the five-point agreement scale. Agreeing is the unhealthy answer here, so this item is scored in reverse."),
                        weight: d(1, 0),
                        action: t("Show that the technical track is a first choice: promote ICs to Staff+ on impact, announce those promotions as widely as manager promotions, and stop parking former managers in Staff+ titles.", true),
                        effort: Effort::Medium,
                        article: Some(s("dual-tracks#common-failure-patterns")),
                        applies_when: None,
                        stage: None,
                        opinion: true,
                        answer: AnswerSpec::Likert {
                            scale: 5,
                            labels: vec![
                                s("Strongly disagree"),
                                s("Disagree"),
                                s("Neither agree nor disagree"),
                                s("Agree"),
                                s("Strongly agree"),
                            ],
                            reverse: true,
                        },
                    },
                    Criterion {
                        id: t("switch-safety", true),
                        prompt: t("\"If my interests changed, I could switch tracks without harming my career.\"", false),
                        help: s("Survey item on the five-point agreement scale."),
                        weight: d(1, 0),
                        action: t("Publish the switch policy, and with their consent name people who changed track in either direction and kept progressing.", true),
                        effort: Effort::Low,
                        article: None,
                        applies_when: None,
                        stage: None,
                        opinion: true,
                        answer: AnswerSpec::Likert {
                            scale: 5,
                            labels: vec![
                                s("Strongly disagree"),
                                s("Disagree"),
                                s("Neither agree nor disagree"),
                                s("Agree"),
                                s("Strongly agree"),
                            ],
                            reverse: false,
                        },
                    },
                ],
            },
        ],
        failure_patterns: vec![
            FailurePattern {
                id: t("consolation-prize", true),
                title: t("Technical track as a consolation prize", true),
                description: t("The technical track is where people land when management did not work out, or where long service is rewarded. Ambitious engineers then see it as second best and head for management instead.", true),
                severity: Severity::High,
                article: s("dual-tracks#common-failure-patterns"),
                action: t("Appoint Staff+ ICs only on evidence of impact, hold former managers to the same criteria, and track where each Staff+ appointee came from.", true),
                caps: Some(s("developing")),
                when: Condition::Any(vec![
                    Condition::Test(Test {
                        criterion: s("reassigned-managers-share"),
                        number: Some(29),
                        op: Op::Above(d(25, 0)),
                        action: None,
                        finding: Some(s("{answer}% of Staff+ appointments were managers moved out of management; the rubric flags more than 25%.")),
                    }),
                    Condition::Test(Test {
                        criterion: s("tenure-promotions"),
                        number: Some(18),
                        op: Op::Above(d(10, 0)),
                        action: None,
                        finding: Some(s("{answer}% of promotions above Senior rested on time in the role; the rubric flags more than 10%.")),
                    }),
                    Condition::Test(Test {
                        criterion: s("consolation-belief"),
                        number: Some(30),
                        op: Op::AtLeast(d(35, 1)),
                        action: None,
                        finding: Some(s("People tend to agree ({answer} of 5) that the technical track is where failed managers land; the rubric flags 3.5 or more.")),
                    }),
                ]),
            },
            FailurePattern {
                id: t("pay-skew", true),
                title: t("Management pays more", true),
                description: t("At the same level, managers earn more than ICs or get a rise just for switching, so people move into management for the money rather than for the work.", true),
                severity: Severity::High,
                article: s("dual-tracks#common-failure-patterns"),
                action: t("Use one band table per grade for both tracks, give no rise for a same-grade switch, and bring Staff pay to within 5% of its management peer.", true),
                caps: Some(s("developing")),
                when: Condition::Any(vec![
                    Condition::Test(Test {
                        criterion: s("staff-to-manager-pay"),
                        number: Some(4),
                        op: Op::Below(d(90, 2)),
                        action: None,
                        finding: Some(s("Staff pay is {answer} of manager pay; the rubric flags below 0.90.")),
                    }),
                    Condition::Test(Test {
                        criterion: s("band-structure"),
                        number: Some(5),
                        op: Op::In(vec![
                            s("manager-higher"),
                            s("no-ic-bands"),
                        ]),
                        action: None,
                        finding: Some(s("Pay bands favour management ({answer}); the rubric asks for the same bands on both tracks.")),
                    }),
                    Condition::Test(Test {
                        criterion: s("switch-raise"),
                        number: Some(6),
                        op: Op::Equals(s("yes")),
                        action: None,
                        finding: Some(s("Becoming a manager at the same grade comes with a pay rise.")),
                    }),
                ]),
            },
            FailurePattern {
                id: t("advisory-only", true),
                title: t("Technical roles without decision authority", true),
                description: t("Senior ICs may give advice, but managers make the decisions. The technical track then brings a title without power, and Staff+ engineers see it differently from leadership.", true),
                severity: Severity::High,
                article: s("dual-tracks#common-failure-patterns"),
                action: t("Fix whichever of these the evidence above shows: where no IC level can approve or block architecture and technical strategy, give Staff+ ICs that formal right; where they sit in too few of the forums that decide, give them standing seats; where their objections go unheard, set a route that forces a second look and a written answer.", true),
                caps: Some(s("developing")),
                when: Condition::Any(vec![
                    Condition::Test(Test {
                        criterion: s("ic-decision-rights"),
                        number: Some(7),
                        op: Op::Equals(s("no")),
                        action: None,
                        finding: Some(s("No IC level holds a formal right to approve or veto architecture or technical strategy.")),
                    }),
                    Condition::Test(Test {
                        criterion: s("staff-plus-forums"),
                        number: Some(3),
                        op: Op::AtMost(d(1, 0)),
                        action: None,
                        finding: Some(s("Staff+ ICs hold a standing seat in {answer} of the five forums that decide; the rubric flags 1 or fewer.")),
                    }),
                    Condition::All(vec![
                        Condition::Test(Test {
                            criterion: s("objections-heard"),
                            number: Some(11),
                            op: Op::GapAtLeast(d(10, 1)),
                            action: None,
                            finding: Some(s("Groups see it differently whether Staff+ objections are heard: {answer}.")),
                        }),
                        Condition::Test(Test {
                            criterion: s("objections-heard"),
                            number: Some(11),
                            op: Op::Below(d(4, 0)),
                            action: None,
                            finding: Some(s("On average people do not agree that a Staff+ objection gets a second look ({answer} of 5).")),
                        }),
                    ]),
                ]),
            },
            FailurePattern {
                id: t("locked-in", true),
                title: t("No way to change tracks", true),
                description: t("People cannot move between tracks, or lose grade when they move back, or the IC ladder stops so low that management is the only way up.", true),
                severity: Severity::Medium,
                article: s("dual-tracks#common-failure-patterns"),
                action: t("Write a two-way switch policy with a trial period and a same-grade return, and make sure the IC ladder leads somewhere other than management.", true),
                caps: None,
                when: Condition::Any(vec![
                    Condition::Test(Test {
                        criterion: s("two-way-switch-policy"),
                        number: Some(26),
                        op: Op::Equals(s("no")),
                        action: None,
                        finding: Some(s("There is no written policy for moving between the tracks in both directions.")),
                    }),
                    Condition::Test(Test {
                        criterion: s("return-grade"),
                        number: Some(28),
                        op: Op::Equals(s("re-interview")),
                        action: None,
                        finding: Some(s("A manager moving back to IC work has to interview again.")),
                    }),
                    Condition::All(vec![
                        Condition::Test(Test {
                            criterion: s("people-managers"),
                            number: Some(20),
                            op: Op::AtLeast(d(20, 0)),
                            action: None,
                            finding: Some(s("There are {answer} people managers,")),
                        }),
                        Condition::Test(Test {
                            criterion: s("em-to-ic-moves"),
                            number: Some(27),
                            op: Op::Equals(s("0")),
                            action: None,
                            finding: Some(s("and none of them moved back to IC work by choice in 24 months.")),
                        }),
                    ]),
                    Condition::Test(Test {
                        criterion: s("ic-ladder-top"),
                        number: Some(1),
                        op: Op::Equals(s("senior")),
                        action: None,
                        finding: Some(s("The IC ladder stops at Senior, so management is the only way up.")),
                    }),
                ]),
            },
        ],
    })
}
