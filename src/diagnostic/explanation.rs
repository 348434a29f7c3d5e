//! The longer text `assess explain CODE` prints for each [`Code`](super::Code): what the code
//! means, an example of the mistake, and how to fix it. Each text is named after its code's
//! variant, so a code without one does not compile.

#![allow(non_upper_case_globals)]

// ----- files -----------------------------------------------------------------------------

pub(super) const Unreadable: &str = "\
A file named on the command line could not be read: it does not exist, it is a folder, you
may not read it, it is larger than any file of its kind could be, or it is a pipe that sends
nothing for 30 seconds.

Example:

    $ assess acme.yml
    acme.yml: error[unreadable]: no such file

To fix: check the path and its spelling (`ls`), name a file rather than a folder, and check
the permissions. `assess init -o FILE` writes a blank questionnaire to start from.";

pub(super) const FileTooLarge: &str = "\
A YAML file is over 8 MiB. Questionnaires and rubrics are a few kilobytes, so a file this
large is almost always the wrong file (an export, a log, a binary) given by mistake.

Example:

    $ assess hris-export.yaml
    hris-export.yaml: error[file-too-large]: the file is 52428800 bytes; ...

To fix: name the questionnaire you meant. To bring survey results in, tally the export with
`assess survey EXPORT.csv --group-column COLUMN` instead.";

pub(super) const NotUtf8: &str = "\
The file is not UTF-8 text. Editors on Windows sometimes save as UTF-16 (\"Unicode\") or in
a legacy encoding such as Windows-1252, where letters like `é` are single bytes UTF-8 does
not allow. The diagnostic points at the first byte that is not UTF-8.

Example:

    acme.yaml:4:9: error[not-utf8]: byte 0xe9 is not UTF-8 text

To fix: open the file and save it again with the encoding UTF-8 (in most editors:
\"Save as\", then choose UTF-8).";

pub(super) const CannotWrite: &str = "\
An output file or folder could not be written: the folder does not exist, you may not write
there, or the disk is full. A report that cannot be written completely is never left half
written; the previous file, if any, stays as it was.

Example:

    $ assess batch clients/ -o /read-only/out
    /read-only/out: error[cannot-write]: ...

To fix: choose a folder you may write to, create it first, or free disk space.";

pub(super) const InternalError: &str = "\
assess itself failed while working on one input. This is a bug in assess, not a mistake in
the file; in a batch run the other files are still assessed.

Example:

    clients/acme.yaml: error[internal-error]: assess failed on this file (a bug: ...)

To fix: please report it together with the file (remove anything confidential first) and
the command you ran.";

pub(super) const MoreProblems: &str = "\
A file has more than 100 problems. Only the first 100 are listed and this closing note counts
the rest: a file with that many problems is usually the wrong file, or one early mistake (an
indentation slip) has made every line after it wrong.

Example:

    acme.yaml:120:3: error[more-problems]: 212 more problems in this file are not listed ...

To fix: fix the first problems listed, then check the file again; the count often drops a
lot at once.";

// ----- YAML ------------------------------------------------------------------------------

pub(super) const YamlSyntax: &str = "\
The file is not valid YAML, so nothing in it can be read. The location is where the YAML
reader gave up, which may be just after the actual mistake: an unclosed quote or bracket, or
a line that is neither `key: value` nor a list item.

Example:

    answers:
      staff-to-manager-pay: \"0.97
      band-structure: identical

To fix: close the quote (`\"0.97\"`) or bracket, and compare the line with the lines around
it. `assess init` writes a blank questionnaire that shows the layout.";

pub(super) const YamlIndentation: &str = "\
A line is indented in a way that does not fit the lines above it. In YAML the indentation
says what belongs to what, so every answer under `answers:` must be indented by the same
number of spaces.

Example:

    answers:
      staff-to-manager-pay: 0.97
       band-structure: identical

To fix: indent every answer by the same number of spaces (two is usual), and line up
nested keys under their parent.";

pub(super) const YamlTab: &str = "\
A tab character is used for indentation. YAML allows only spaces there, and a tab often
looks the same as spaces in an editor, which makes this mistake hard to see.

Example (`→` marks the tab):

    answers:
    →staff-to-manager-pay: 0.97

To fix: replace the tab with spaces (two per level). Most editors can show tabs and convert
them (\"convert indentation to spaces\").";

pub(super) const YamlMissingSpace: &str = "\
A `key:value` pair has no space after the colon, so YAML reads `key:value` as one word and
not as a key with a value; the lines after it then no longer make sense to the reader.

Example:

    organization:
      engineers:400

To fix: add a space after the colon: `engineers: 400`.";

pub(super) const YamlQuestionMark: &str = "\
A lone `?` starts a \"complex key\" in YAML, so it cannot stand for \"I don't know\".

Example:

    answers:
      staff-to-manager-pay: ?

To fix: write `unknown` when you do not know the answer. It is reported as an evidence gap
and left out of the score, not scored as zero.";

pub(super) const YamlFlow: &str = "\
Inside `{ ... }` or `[ ... ]` (YAML's flow style), a comma ends the value and `: ` starts a
new key, so text that contains either must be quoted.

Example:

    staff-to-manager-pay: {value: 0.97, evidence: Comp review, Oct 2026}

To fix: put the text in double quotes:
`{value: 0.97, evidence: \"Comp review, Oct 2026\"}`.";

pub(super) const YamlMergeKey: &str = "\
A mapping uses the YAML merge key `<<` in a way that would lose entries: two `<<` keys in one
mapping (YAML keeps only one of them), or `<<` given something other than a mapping.

Example:

    base: &base {weight: 1}
    other:
      <<: *base
      <<: *extra

To fix: merge several mappings with one key, `<<: [*base, *extra]`, or write the keys out.";

pub(super) const YamlTooComplex: &str = "\
The YAML goes beyond what any questionnaire or rubric needs, and is refused before it can use
up memory: values nested more than 32 levels deep, anchors and aliases (`&name`, `*name`)
that expand to too many values, over 200,000 values, or more than one document in the file
(a line `---` starts a new document).

Example:

    rubric: dual-track
    answers: {}
    ---
    rubric: dual-track

To fix: keep one questionnaire per file (remove the second `---` and what follows, or split
the file), and write each answer out on its own line instead of using anchors.";

pub(super) const UnknownField: &str = "\
A mapping in a rubric or article file holds a key (or a value from a fixed list) that its
place does not accept, usually a misspelling. The hint names the closest accepted key.

Example:

    commitments:
      - id: separate-paths
        titel: Separate paths to influence

To fix: correct the spelling (`title:`). `assess schema --for rubric` gives a JSON schema your
editor can use to complete and check keys as you type.";

pub(super) const MissingField: &str = "\
A mapping in a rubric or article file lacks a key its place requires, for example a
criterion without `id` or an answer without `type`.

Example:

    criteria:
      - prompt: What is the highest level on your IC ladder?
        weight: 3

To fix: add the key the message names (here `id:` and `answer:`); compare with
`assess rubric show dual-track --format yaml`.";

pub(super) const DuplicateKey: &str = "\
The same key appears twice in one mapping. YAML would keep only one of the two values
without a word, so assess refuses the file rather than guess which one you meant.

Example:

    organization:
      name: Acme
      name: Acme Corp

To fix: keep one of them. The message gives the line of the first one.";

// ----- questionnaire ---------------------------------------------------------------------

pub(super) const NotAQuestionnaire: &str = "\
The file is valid YAML but not a questionnaire: it is empty, a list, a single value, or a
mapping without `rubric:` and `answers:`. Often this is the wrong file.

Example:

    - staff-to-manager-pay: 0.97
    - band-structure: identical

To fix: a questionnaire is a mapping with `rubric:` and `answers:`; run `assess init` for a
blank one to fill in.";

pub(super) const MissingRubric: &str = "\
The questionnaire does not say which rubric it answers, so assess cannot know which questions
to expect or how to score them.

Example:

    answers:
      staff-to-manager-pay: 0.97

To fix: add a first line `rubric: dual-track` (`assess rubric list` shows the built-in
rubrics), or name a rubric file with `--rubric PATH`.";

pub(super) const UnknownRubric: &str = "\
A rubric id names no built-in rubric. The id is given by `rubric:` in a questionnaire or by
`--rubric`; a rubric file must be named by a path instead.

Example:

    rubric: dual-tracks

To fix: use an id that `assess rubric list` shows (here `dual-track`), or give the path of a
rubric file with `--rubric my-rubric.yaml`.";

pub(super) const RubricMismatch: &str = "\
The questionnaire says it answers one rubric, but `--rubric` gave another. Its answers would
be scored against questions they were not written for.

Example:

    $ assess acme.yaml --rubric culture.yaml
    acme.yaml:1:9: error[rubric-mismatch]: this questionnaire answers rubric `dual-track`,
    but `--rubric` gave `culture`

To fix: drop `--rubric`, or give the rubric the questionnaire names (or change its `rubric:`
line if the questionnaire really answers the other rubric).

From the library, `assess::evaluate` refuses a questionnaire validated against another
rubric (another id or version, or the same ones with other questions) with this code, as
`Error::RubricMismatch`; so does `Questionnaire::with_answer`. Validate the answers against
the rubric you evaluate with: `Catalog::load_questionnaire`, `Questionnaire::from_yaml`,
`from_json` or `builder` with that rubric.";

pub(super) const InvalidRubricRef: &str = "\
`rubric:` holds something other than a rubric id (a list, a mapping, nothing), so the
questionnaire does not say which rubric it answers.

Example:

    rubric:
      - dual-track

To fix: write one id on the line, e.g. `rubric: dual-track`, optionally with the version the
answers were written for: `rubric: dual-track@1.0.0`.";

pub(super) const RubricVersionMismatch: &str = "\
The questionnaire names the rubric version it was written for (`rubric: id@version`) and the
rubric in use has another version. Questions, options or thresholds may have changed since.

Example:

    rubric: dual-track@0.9.0

To fix: check the answers against the current version (`assess rubric show dual-track`), then
write the current version after `@` or drop the `@version`. To compare with a baseline
written for an older version, name that rubric file with `--baseline-rubric PATH`.";

pub(super) const UnknownKey: &str = "\
A top-level key is not part of a questionnaire. A questionnaire has `rubric`, `organization`,
`assessed_on`, `answers` and `respondents`; anything else is a misspelling or an answer
outside `answers:`.

Example:

    rubric: dual-track
    answer:
      staff-to-manager-pay: 0.97

To fix: correct the key (here `answers:`); the hint names the closest key.";

pub(super) const AnswerOutsideAnswers: &str = "\
An answer starts at column 0, so YAML reads it as a top-level key of the questionnaire and
not as one of the answers under `answers:`.

Example:

    answers:
      staff-to-manager-pay: 0.97
    band-structure: identical

To fix: indent the answer like the others under `answers:` (two spaces).";

pub(super) const InvalidAnswers: &str = "\
`answers:` must hold one `question-id: answer` line per question, but holds a list, a single
value or nothing at all.

Example:

    answers:
      - staff-to-manager-pay: 0.97

To fix: remove the `- ` so each answer is a key under `answers:`:
`  staff-to-manager-pay: 0.97`.";

pub(super) const UnknownCriterion: &str = "\
A question id (a criterion of the rubric) that the rubric does not have: in a questionnaire
usually a misspelling, in a rubric a condition or setting naming a criterion that is not
defined. The hint names the closest id.

Example:

    answers:
      staff-to-manger-pay: 0.97

To fix: correct the id (here `staff-to-manager-pay`). `assess rubric show dual-track` lists
every question id.";

pub(super) const DuplicateAnswer: &str = "\
The same question is answered twice, so assess cannot know which answer to score.

Example:

    answers:
      staff-to-manager-pay: 0.97
      staff-to-manager-pay: 1.02

To fix: keep the answer you trust and delete the other. The message gives the line of the
first one.";

pub(super) const InvalidAnswer: &str = "\
An answer is not one the question accepts: an option the question does not have, a number
outside its range, text where a number is expected, or a list or mapping where one value is
expected. The message says what the question takes.

Example:

    answers:
      band-structure: same
      staff-plus-share: 140

To fix: write one of the options the hint lists (`assess rubric show dual-track` shows them
all), a number in range, `unknown` if you do not know, or `n/a` if the question does not
apply to you.";

pub(super) const MissingValue: &str = "\
An answer written as a mapping (to give its evidence) has no `value:`.

Example:

    answers:
      staff-to-manager-pay: {evidence: \"Comp review 2026\"}

To fix: add the answer itself: `{value: 0.97, evidence: \"Comp review 2026\"}`.";

pub(super) const InvalidEvidence: &str = "\
`evidence:` says where an answer comes from, as one line of text, but here it holds a list,
a mapping or a number.

Example:

    staff-to-manager-pay: {value: 0.97, evidence: [HRIS, comp review]}

To fix: write it as text in quotes: `evidence: \"HRIS export and comp review, Oct 2026\"`.";

pub(super) const InvalidOrganization: &str = "\
`organization:` is a mapping of facts about the organisation (`name`, `sector`, ...), and its
`name:` is one line of text; here one of them has another shape.

Example:

    organization: Acme Corp

To fix: write it as a mapping:

    organization:
      name: Acme Corp";

pub(super) const InvalidDate: &str = "\
`assessed_on:` is the date the answers were collected, written YYYY-MM-DD; here it is another
format, not a real date, or not one value.

Example:

    assessed_on: 01/11/2026

To fix: write `assessed_on: 2026-11-01`.";

pub(super) const InvalidRespondents: &str = "\
`respondents:` holds survey answers per group of people, as a list of groups, but here it is
a mapping, a single value or empty.

Example:

    respondents:
      managers: {count: 9, answers: {ic-respect: 4.1}}

To fix: write each group as a list item:

    respondents:
      - {group: managers, count: 9, answers: {ic-respect: 4.1}}";

pub(super) const InvalidGroup: &str = "\
A respondent group is a mapping with `group` (its name), `count` (how many people answered)
and `answers`; here one is something else, or its name is missing or not text.

Example:

    respondents:
      - managers

To fix: write `- {group: managers, count: 9, answers: {ic-respect: 4.1}}`.";

pub(super) const DuplicateGroup: &str = "\
Two respondent groups have the same name, so their answers could not be told apart in the
report.

Example:

    respondents:
      - {group: managers, count: 9, answers: {ic-respect: 4.1}}
      - {group: managers, count: 4, answers: {ic-respect: 3.2}}

To fix: merge the two groups (add up counts and distributions) or give them different
names.";

pub(super) const InvalidCount: &str = "\
A respondent group's `count:` (how many people answered) is blank, not a whole number, zero
or negative. It weighs the group's answers, so it must be a positive whole number.

Example:

    - {group: managers, count: nine, answers: {ic-respect: 4.1}}

To fix: write the number of people: `count: 9`.";

pub(super) const NotAnOpinionItem: &str = "\
A respondent group answers a question that is not an opinion question. Only survey items
(`opinion: true` in the rubric) can be answered per group; facts are answered once under
`answers:`.

Example:

    respondents:
      - {group: managers, count: 9, answers: {staff-to-manager-pay: 0.97}}

To fix: move the answer under `answers:`. `assess rubric show dual-track` marks which
questions are opinion items.";

pub(super) const AnsweredTwice: &str = "\
An opinion question is answered both under `answers:` and by a respondent group, so it is
unclear which answer should count.

Example:

    answers:
      ic-respect: 3.8
    respondents:
      - {group: managers, count: 9, answers: {ic-respect: 4.1}}

To fix: answer an opinion question either once under `answers:` or per group under
`respondents:`, not both.";

pub(super) const InvalidDistribution: &str = "\
A group's answer to a likert question can be a distribution: how many people chose each
point of the scale. Here a key is not a point of the scale, or a count is not a whole
number of people.

Example:

    answers: {ic-respect: {1: 0, 2: 1, 3: 2, 4: 4, 6: 2}}

To fix: use the scale points as keys (1 to 5 on a five-point scale) and whole numbers of
people as values.";

pub(super) const DistributionCountMismatch: &str = "\
A group's distribution of answers adds up to a different number of people than the group's
`count:`. Either the tally or the count is wrong.

Example:

    - {group: managers, count: 9, answers: {ic-respect: {3: 2, 4: 4, 5: 2}}}

To fix: make the counts per point add up to `count:` (here 8 of 9). People who skipped the
question belong in a smaller group of their own.";

pub(super) const NonCanonicalSpelling: &str = "\
A warning: the answer is understood, but spelt in a form the editor's schema does not
accept (`Yes` for `yes`, a number in quotes, a label instead of an option id). The score is
not affected.

Example:

    answers:
      switch-raise: Yes

To fix: write the spelling the message names (`switch-raise: no`), or let
`assess fmt FILE` rewrite every such spelling for you.";

// ----- rubric ----------------------------------------------------------------------------

pub(super) const RubricUnreadable: &str = "\
The rubric file named with `--rubric` could not be read: it does not exist, is a folder, or
may not be read. Built-in rubrics are named by id, not by path.

Example:

    $ assess acme.yaml --rubric rubrics/dual-trak.yaml
    rubrics/dual-trak.yaml: error[rubric-unreadable]: cannot read the rubric: no such file

To fix: check the path, or name a built-in rubric by id (`assess rubric list`).";

pub(super) const EmptyRubric: &str = "\
The rubric file is empty or holds only comments.

Example:

    # my rubric (to do)

To fix: start from a copy of the built-in rubric:
`assess rubric show dual-track --format yaml > my-rubric.yaml`.";

pub(super) const RubricShape: &str = "\
The rubric file is valid YAML but not shaped like a rubric: a value has the wrong kind (a
list where a mapping is expected, text where a number is expected).

Example:

    bands: critical, weak, developing, strong

To fix: compare with `assess rubric show dual-track --format yaml`, or point your editor at
the schema from `assess schema --for rubric`.";

pub(super) const InvalidId: &str = "\
An id in the rubric (of the rubric, a commitment, a criterion, an option, a band, a failure
pattern) is not kebab-case. Ids appear in questionnaires, links and JSON, so they are
restricted to lower-case letters, digits and single hyphens.

Example:

    - id: Staff_to_Manager_Pay

To fix: write `staff-to-manager-pay`.";

pub(super) const DuplicateId: &str = "\
Two items of the rubric share an id: two commitments, criteria or failure patterns, two
options of one question, or two bands. Answers and links name items by id, so each must be
unique.

Example:

    criteria:
      - id: career-conversations
        ...
      - id: career-conversations

To fix: rename one of them. The message says which item already uses the id.";

pub(super) const ReservedId: &str = "\
A band of the rubric is called `insufficient-evidence`, which assess reserves for
commitments with too few answers to score.

Example:

    bands:
      - {id: insufficient-evidence, from: 0}

To fix: choose another id, e.g. `critical`.";

pub(super) const OutOfRange: &str = "\
A number in the rubric lies outside its allowed range: a score threshold outside 0-100, an
option score outside 0-1, a likert scale outside 2-11 points, `min` above `max`, or a
number in a condition beyond 10^12.

Example:

    weak_below: 600

To fix: use a value in the range the message names (here `weak_below: 60`).";

pub(super) const NegativeWeight: &str = "\
A weight in the rubric is negative. Weights say how much a criterion or commitment counts;
0 marks a context fact that is asked but never scored.

Example:

    - id: staff-plus-share
      weight: -1

To fix: use 0 or a positive weight.";

pub(super) const ZeroWeightCommitment: &str = "\
All criteria of a commitment have weight 0, so the commitment can never be scored.

Example:

    - id: clear-expectations
      criteria:
        - {id: ladder-age-months, weight: 0, ...}

To fix: give at least one criterion of the commitment a positive weight.";

pub(super) const ZeroWeightRubric: &str = "\
The weights of all commitments add up to zero, so no overall score can ever be computed.

Example:

    commitments:
      - {id: separate-paths, weight: 0, ...}

To fix: give at least one commitment a positive weight.";

pub(super) const NoCommitments: &str = "\
The rubric has no commitments, so there is nothing to ask or score.

Example:

    commitments: []

To fix: add at least one commitment with its criteria; copy the structure from
`assess rubric show dual-track --format yaml`.";

pub(super) const NoBands: &str = "\
The rubric has no score bands, so no score could be named (critical, weak, ...).

Example:

    bands: []

To fix: list the bands from the bottom up, the first from 0:
`- {id: critical, from: 0}`, `- {id: weak, from: 40}`, ...";

pub(super) const BandsStart: &str = "\
The first score band does not start at 0, so low scores would have no band.

Example:

    bands:
      - {id: weak, from: 40}
      - {id: strong, from: 80}

To fix: start the first band `from: 0`.";

pub(super) const UnsortedBands: &str = "\
Score bands must be listed from the lowest to the highest, each starting above the one
before it.

Example:

    bands:
      - {id: critical, from: 0}
      - {id: strong, from: 80}
      - {id: weak, from: 40}

To fix: order the bands by `from` and make every `from` larger than the previous one.";

pub(super) const UnknownBand: &str = "\
A failure pattern caps the score at a band (`caps:`) that the rubric's `bands:` do not
define.

Example:

    failure_patterns:
      - id: pay-skew
        caps: develop

To fix: name one of the rubric's bands (the hint lists the closest, here `developing`).";

pub(super) const UnknownStage: &str = "\
A criterion says from which stage of growth it applies (`stage:`), but names a stage that
`stages.levels` does not define, or the rubric has no `stages:` block at all.

Example:

    - id: staff-plus-forums
      stage: staff-pluss

To fix: name a stage from `stages.levels` (here `staff-plus`), or add a `stages:` block
with `size` and `levels`, or remove `stage:`.";

pub(super) const UnsortedStages: &str = "\
The stages of growth in `stages.levels` must be listed by ascending `from` (organisation
size), so that each larger organisation reaches the stages in order.

Example:

    levels:
      - {id: staff-plus, from: 100, ...}
      - {id: formal-ladder, from: 40, ...}

To fix: list the stages from the smallest `from` to the largest.";

pub(super) const StageSizeNotACount: &str = "\
`stages.size` names the criterion that measures the organisation's size, so it must be a
context fact (weight 0) answered with a number; the criterion named is not.

Example:

    stages:
      size: band-structure

To fix: name a weight-0 criterion with a number answer, e.g. `size: engineers`.";

pub(super) const SelfReference: &str = "\
A criterion depends on its own answer (in `applies_when` or `per`), which can never be
decided.

Example:

    - id: people-managers
      applies_when: {criterion: people-managers, at_least: 20}

To fix: make the condition depend on another criterion, or remove it.";

pub(super) const OpinionNotLikert: &str = "\
A criterion is marked `opinion: true` (it may be answered per respondent group) but its
answer is not a likert scale. Only likert items can be averaged over groups of people.

Example:

    - id: switch-raise
      opinion: true
      answer: {type: yes_no}

To fix: remove `opinion: true`, or make the answer a likert item
(`{type: likert, scale: 5, labels: [...]}`).";

pub(super) const LabelCount: &str = "\
A likert scale has a different number of labels than points; each point from 1 up needs its
own label.

Example:

    answer:
      type: likert
      scale: 5
      labels: [Disagree, Neutral, Agree]

To fix: give exactly as many labels as the scale has points.";

pub(super) const NoPoints: &str = "\
A scored number answer turns the number into a score through `points`, `[x, score]` pairs;
this one has none. Only a context fact (weight 0) may leave them out.

Example:

    - id: staff-plus-share
      weight: 2
      answer: {type: number, unit: percent}

To fix: add points, e.g. `points: [[10, 0], [20, 0.4], [40, 1]]`, or make the criterion a
context fact with `weight: 0`.";

pub(super) const UnsortedPoints: &str = "\
The `[x, score]` points of a number answer must be listed by ascending x, each above the one
before, so the score between two points is well defined.

Example:

    points: [[40, 1], [20, 0.4], [10, 0]]

To fix: order the points by x: `[[10, 0], [20, 0.4], [40, 1]]`.";

pub(super) const NoOptions: &str = "\
A choice answer has no options to choose from.

Example:

    answer: {type: choice, options: []}

To fix: list the options, each with an id, a label and a score from 0 to 1:
`- {id: identical, label: One band table for both tracks, score: 1}`.";

pub(super) const EmptyCondition: &str = "\
A condition `all:` or `any:` in a failure pattern or `applies_when` holds no condition.
`all` of nothing is always true and `any` of nothing never, which is never what was meant.

Example:

    when:
      any: []

To fix: list at least one condition, e.g.
`- {criterion: tenure-promotions, above: 10}`, or remove the block.";

pub(super) const OperatorType: &str = "\
A condition compares an answer with an operator that does not fit the answer's kind: `above`,
`below`, `at_least`, `at_most` compare numbers, but the criterion is answered with a choice
or yes/no; or `gap_at_least` is used on a criterion that is not an opinion item.

Example:

    - criterion: band-structure
      above: 2

To fix: use `equals`, `not_equals` or `in` for choice and yes/no answers
(`equals: separate`), and `gap_at_least` only with `opinion: true` criteria.";

pub(super) const ImpossibleValue: &str = "\
A condition tests for a value the answer can never have: an option the criterion does not
have, a word for a yes/no answer other than yes or no, text for a number. The condition
would silently never match.

Example:

    - criterion: band-structure
      equals: seperate

To fix: compare with a value the answer can take (the hint lists the options, here
`separate`).";

pub(super) const UnknownArticle: &str = "\
The rubric links a criterion or failure pattern to a guidance article (`article: id` or
`article: id#section`) that no article has.

Example:

    article: dual-track#common-failure-patterns

To fix: use an id from the articles (here `dual-tracks`), or add the article, with
`--articles FOLDER` for your own.";

pub(super) const UnknownSection: &str = "\
The rubric links to a section of a guidance article (`article: id#section`) that the article
does not have. Sections are the article's headings in kebab-case.

Example:

    article: dual-tracks#failure-patterns

To fix: use one of the sections the hint lists (here `common-failure-patterns`), or drop the
`#section` to link the whole article.";

// ----- articles --------------------------------------------------------------------------

pub(super) const ArticleUnreadable: &str = "\
A Markdown file in the `--articles` folder could not be read: it may not be read, it is too
large, or it is not UTF-8 text.

Example:

    articles/pay.md: error[article-unreadable]: cannot read the article: ...

To fix: check the file's permissions and save it as UTF-8; articles are a few kilobytes.";

pub(super) const ArticlesUnreadable: &str = "\
The folder given with `--articles` could not be listed: it does not exist, is a file, or may
not be read.

Example:

    $ assess acme.yaml --articles guidance/
    guidance/: error[articles-unreadable]: cannot read the articles folder: ...

To fix: name an existing folder of Markdown files you may read.";

pub(super) const TooManyArticles: &str = "\
The `--articles` folder holds more than 1,000 Markdown files. Articles are read on every
run, so a folder that large is usually the wrong folder (a whole documentation tree).

Example:

    $ assess acme.yaml --articles ~/docs

To fix: point `--articles` at a folder holding only the guidance articles the rubric links
to.";

pub(super) const ArticleFrontMatter: &str = "\
A guidance article starts with YAML front matter between two `---` lines, giving at least its
title and web address; this one has none, or it is not a mapping with those keys.

Example:

    # Dual career tracks
    Text of the article...

To fix: add at the top:

    ---
    title: Dual career tracks
    canonical_url: https://example.org/dual-tracks
    ---";

pub(super) const ArticleUrl: &str = "\
An article's web address must start with https:// or http:// and name a host, with no
spaces. Reports link to it, so anything else (a `javascript:` or `data:` address, a local
path) is refused.

Example:

    canonical_url: www.example.org/dual-tracks

To fix: write the full address: `canonical_url: https://www.example.org/dual-tracks`.";

// ----- templates and output --------------------------------------------------------------

pub(super) const Template: &str = "\
A report template (given with `--templates`) has a syntax error, or fails while rendering:
an undefined variable or filter, a wrong argument. The location is the template's line and
column.

Example:

    {{ assessment.overal.score }}

To fix: correct the expression (here `assessment.overall`). The values a template can use
are described in the project's docs/templates.md; its built-in templates (`templates/` in the
source) are a working starting point.";

pub(super) const TemplateOutOfFuel: &str = "\
A report template ran far more steps than a report needs and was stopped, so a template
cannot hang a run. Usually a loop runs over a huge range or loops are nested too deeply.

Example:

    {% for i in range(100000000) %}...{% endfor %}

To fix: loop over the assessment's own lists (commitments, criteria) instead of large
ranges.";

pub(super) const TemplateOutputTooLarge: &str = "\
A report template produced more output than any report needs and was stopped, so a template
cannot fill the disk. Usually a loop repeats far more than intended.

Example:

    {% for c in commitments %}{% for c2 in commitments %}{{ big_table }}{% endfor %}{% endfor %}

To fix: check the loops that last changed in the template.";

pub(super) const TemplateCrashed: &str = "\
Rendering a template stopped with an internal error in the template engine. The template is
probably unusual, but this is a bug all the same.

Example:

    report.html.j2: error[template-crashed]: rendering stopped with an internal error: ...

To fix: simplify the expression that last changed in the template, and please report it,
with the template.";

pub(super) const TemplateUnused: &str = "\
A warning: a file in the `--templates` folder overrides no built-in template
(report.txt.j2, report.md.j2, report.html.j2, macros.j2) and no template includes or imports
it, so it changes nothing. Usually its name is misspelt.

Example:

    ./report.htm.j2: warning[template-unused]: `report.htm.j2` overrides no built-in template ...

To fix: rename it to the template it should replace (here `report.html.j2`), or include it
from one.";

pub(super) const RenderFailed: &str = "\
The assessment could not be written as JSON. This should not happen with any input and is a
bug in assess.

Example:

    error[render-failed]: the report could not be written as JSON: ...

To fix: please report it, with the questionnaire and the command you ran.";

pub(super) const InvalidJson: &str = "\
A saved assessment given as a baseline to compare with is not valid JSON: it was cut short,
edited by hand, or is another kind of file.

Example:

    $ assess acme-2026.yaml --baseline acme-2025.json
    acme-2025.json:40:1: error[invalid-json]: this is not valid JSON: EOF while parsing ...

To fix: write the baseline again with `assess FILE --format json -o BASELINE.json`, or give
last year's questionnaire as the baseline instead.

The same code is given when a program hands a questionnaire to the library as JSON text
(`Questionnaire::from_json`) and the text is not JSON; the location is the line and column of
the JSON text where reading stopped.";

pub(super) const NotAnAssessment: &str = "\
A baseline file is valid JSON but not an assessment written by `assess --format json`, or
written by a version of assess whose JSON this one cannot read.

Example:

    $ assess acme.yaml --baseline package.json

To fix: give the JSON output of `assess FILE --format json`, or last year's questionnaire.";

// ----- workbook and survey ---------------------------------------------------------------

pub(super) const NotAWorkbook: &str = "\
The file has the `.xlsx` extension (or was read as a workbook) but is not an Excel workbook
assess can read: it is damaged, an old `.xls` file, or lacks the Questions sheet of
`assess init -o FILE.xlsx`.

Example:

    $ assess acme.xlsx
    acme.xlsx: error[not-a-workbook]: ...

To fix: save it from Excel, LibreOffice or Google Sheets as an Excel workbook (.xlsx);
`assess init -o FILE.xlsx` writes a blank one with the expected sheets.";

pub(super) const CellError: &str = "\
A workbook cell holds an Excel error (`#DIV/0!`, `#REF!`, `#N/A`, ...) instead of an
answer, usually a formula whose inputs are missing.

Example:

    acme.xlsx:Questions!D14: error[cell-error]: the cell holds the Excel error #DIV/0!

To fix: type the answer as a value, or fix the formula so it gives one.";

pub(super) const PercentAsFraction: &str = "\
A percentage answer is stored as a fraction: typing `38%` into a cell formatted as a
percentage stores 0.38, which would read as 0.38 percent.

Example:

    acme.xlsx:Questions!D7: error[percent-as-fraction]: the cell holds 0.38, which is how
    Excel stores 38% typed into a cell formatted as a percentage

To fix: set the cell's format to General and type the plain number, `38`.";

pub(super) const AnswerWithoutQuestion: &str = "\
A row of the Questions sheet has an answer but no question id, so assess cannot tell which
question it answers (often a row inserted or an id cell cleared by accident).

Example:

    acme.xlsx:Questions!D31: error[answer-without-question]: row 31 has an answer but no
    question id

To fix: put the question id back in the row, or move the answer to the row of its
question.";

pub(super) const CsvSyntax: &str = "\
A survey export is not well-formed CSV at the line named: usually a quote mark opened in a
cell and never closed, or rows with different numbers of columns.

Example:

    Role,Q1,Q2
    \"Manager,4,5

To fix: export the file again from the survey tool; a quote mark opened in a cell must be
closed.";

pub(super) const SurveyEmpty: &str = "\
The survey export has header rows but no respondents, so there is nothing to tally.

Example:

    Role,\"I feel respected as an IC\"

To fix: export the responses again once people have answered.";

pub(super) const UnknownColumn: &str = "\
`--group-column` names a column the survey export does not have. The column is matched by
its header text or its letter.

Example:

    $ assess survey pulse.csv --group-column Rol

To fix: name the column as its header reads (the hint lists the closest, here `Role`), or by
its letter (`--group-column C`).";

pub(super) const ColumnMatchedTwice: &str = "\
Two columns of the survey export match the same question, so their answers would be counted
twice.

Example:

    Role,I feel respected as an IC,I feel respected as an IC (2)

To fix: tell assess which column is which with `--map \"HEADER=QUESTION\"`, or remove the
extra column from the export.";

pub(super) const NoQuestionMatched: &str = "\
No column of the survey export matches an opinion question of the rubric, so nothing could
be tallied. Columns are matched by their header text against the questions' wording.

Example:

    Role,Q1,Q2,Q3

To fix: map the columns to questions with `--map \"Q1=ic-respect\"` (one per column), or use
headers that repeat the questions' wording. `assess rubric show dual-track` lists the
opinion questions.";

pub(super) const UnreadableAnswer: &str = "\
A cell of the survey export is not a point of the question's scale (a number 1-5, or the
scale's label), so the respondent's answer cannot be counted.

Example:

    Role,I feel respected as an IC
    Manager,very much

To fix: export the answers as numbers or as the scale's labels; the hint says what the
question accepts.";

pub(super) const NearMiss: &str = "\
A note: a survey column almost matches a question, or matches two questions equally well,
so it was not matched. Nothing was counted from it.

Example:

    note[near-miss]: column C \"Respected as IC?\" resembles `ic-respect` (71% alike) but not
    closely enough to match it

To fix: if the column is that question, pass `--map \"Respected as IC?=ic-respect\"`.";

pub(super) const UnmatchedColumns: &str = "\
A note: some columns of the survey export matched no opinion question and were left out of
the tally. That is normal for columns such as timestamps or free-text comments.

Example:

    note[unmatched-columns]: 2 columns matched no opinion question and were left out: ...

To fix: nothing, if those columns are not survey items; otherwise map them with
`--map \"HEADER=QUESTION\"`.";

pub(super) const NoGroup: &str = "\
A note: a respondent has no value in the group column and was left out of the tally, as
their answers cannot be assigned to a group.

Example:

    note[no-group]: this respondent has no group in column B \"Role\" and was left out

To fix: fill in the group in the export, or accept that the row is left out.";

pub(super) const SkippedQuestion: &str = "\
A note: a respondent left some questions unanswered and was left out of the tally. A group
has one count of people for all its questions, so a partial answer cannot be counted.

Example:

    note[skipped-question]: this respondent left ic-respect unanswered and was left out of the tally

To fix: nothing needs to be done; if many respondents are left out, tally the questions
separately.";

pub(super) const SmallGroup: &str = "\
A note: a respondent group is smaller than the rubric's minimum group size (`min_group_size`,
5 in the built-in rubric). It is never shown on its own, so individuals cannot be identified,
and counts in a question's average only where the small groups together reach the minimum.

Example:

    note[small-group]: group \"hr\" has 3 respondents, under the rubric's minimum of 5 ...

To fix: nothing needs to be done; to show the group, merge it with a related one in the
export.";

#[cfg(test)]
mod tests {
    use super::super::Code;

    #[test]
    fn every_code_is_explained_with_an_example_and_a_fix() {
        for code in Code::ALL {
            let text = code.explanation();
            assert!(!text.is_empty(), "{code} has no explanation");
            assert!(text.contains("Example"), "{code}: no example");
            assert!(
                text.contains("\n    "),
                "{code}: the example is not indented"
            );
            assert!(text.contains("To fix"), "{code}: no fix");
            assert!(
                text.lines().all(|l| l.chars().count() <= 100),
                "{code}: a line is over 100 characters"
            );
        }
    }
}
