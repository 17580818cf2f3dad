"""Word lists behind the features and the sentence splitter.

Each constant cites the section of the labelling guide (``ANNOTATION.md``) it implements. All
entries are lower case; multi-word entries are matched as whole phrases.
"""
from __future__ import annotations

# Sentence splitting: abbreviations after which a full stop does not end a sentence. Lower case,
# without the final dot, in the form nltk's Punkt parameters expect. (Issue 2, "Sentences".)
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    u.s u.k u.n e.u d.c u.s.a u.a.e n.y l.a p.r a.m p.m e.g i.e etc vs v al
    mr mrs ms messrs dr prof sr jr st mt ft ave blvd rd
    gen lt col maj capt cmdr sgt cpl pvt adm brig cdr
    sen sens rep reps gov govs pres amb sec atty supt insp det rev hon fr
    jan feb mar apr jun jul aug sep sept oct nov dec
    inc corp co ltd plc llc bros dept univ assn intl natl
    no nos vol pp ph approx est fig
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont
    neb nev okla ore pa tenn tex va vt wash wis wyo
    """.split()
)

# Sentence splitting: capitalised words that, after an abbreviation, almost always start a new
# sentence ("... moved to the U.S. The decision ..."). Kept to function words that never follow a
# title such as "Gen." or "Sen.".
SENTENCE_STARTERS: frozenset[str] = frozenset(
    """
    the he she it they we i but this that these those there his her its their our
    however meanwhile still yet after before when while although though in on at
    """.split()
)

# `named` and `anonymous` (ANNOTATION.md "named", "anonymous", and the hard case "a named
# person's speech act without 'said'"): verbs and phrases that attribute a claim to a source.
# Plural nouns that double as verbs ("the United States", "his claims") are left out.
SPEECH_VERBS: frozenset[str] = frozenset(
    """
    said says say saying told tells tell added adds add noted wrote writes write stated
    explained explains argued argues asserted asserts insisted insists announced announces
    declared declares confirmed confirms acknowledged acknowledges admitted admits conceded
    concedes claimed alleged alleges denied denies warned warns vowed vows pledged promised
    urged urges predicted predicts suggested suggests recalled recalls replied responded
    responds answered testified testifies tweeted posted asked asks countered complained
    complains contended contends maintained maintains emphasized emphasizes stressed stresses
    estimated reported revealed reveals disclosed discloses indicated indicates agreed agrees
    agree disagreed rejected rejects dismissed dismisses endorsed endorses proposed proposes accused
    accuses criticized criticizes blamed praised praises called described describes
    characterized questioned cautioned cautions signaled hinted boasted boasts joked shouted
    yelled whispered projected forecast believes believed thought expects expected anticipates
    anticipated hoped feared considered showed found finds concluded concludes ruled remarked
    reiterated reiterates opined touted touts lamented laments bemoaned slammed slams blasted
    blasts mocked mocks attacked charged demanded threatened threatens clarified elaborated
    quipped retweeted continued recounted labeled labelled dubbed branded proclaimed unveiled
    outlined implied wondered pressed condemned condemns denounced denounces decried decries
    lauded hailed hails thanked applauded welcomed congratulated backed argue insist explain
    acknowledge admit deny warn urge pointed noting adding telling arguing insisting
    writing calling warning claiming disputed contested challenged assured assures reassured
    informed briefed advised recommended recommends acknowledging announcing defended defends
    fear hope believe worry worried worries expect think contend suspect suspected
    identified identifies recorded documented expressed cited cites listed detailed details
    estimates projects alleging accusing urging vowing predicting promises promising
    pledges pledging derided derides ridiculed ridicules declaring demanding touting
    defend allege maintain predict doubt doubted doubts
    asking suggesting questioning denying rejecting criticizing criticising condemning praising
    blaming threatening complaining describing asserting contending maintaining stressing
    emphasizing explaining recalling responding replying dismissing endorsing proposing
    disputing countering conceding admitting confirming revealing denouncing lamenting
    blasting slamming attacking welcoming hailing signaling signalling hinting boasting joking
    forecasting reiterating clarifying defending deriding mocking
    ask suggest reject confirm endorse criticize criticise dismiss propose declare announce
    accuse threaten testify disagree respond reply concede
    """.split()
)

# `named` and `anonymous` (ANNOTATION.md hard cases "a named person's or body's stated belief or
# expectation" and "a vague group's view used as support"): adjectives that, after a copula,
# state a source's view ("some top aides are confident that ...", "donors were wary").
BELIEF_ADJECTIVES: frozenset[str] = frozenset(
    """
    confident skeptical sceptical concerned optimistic pessimistic convinced hopeful wary
    fearful adamant anxious nervous uneasy doubtful mindful frustrated alarmed
    """.split()
)

# Multi-word attribution phrases (ANNOTATION.md "named": "according to the IMF's April outlook").
ATTRIBUTION_PHRASES: tuple[str, ...] = (
    "according to", "in a statement", "in an interview", "told reporters", "said in a statement",
    "in a post", "on twitter", "on facebook", "on truth social", "in a letter", "in a memo",
    "in a filing", "in a report", "in a tweet", "press release", "press conference",
    "news conference", "pleaded guilty", "pleaded not guilty", "called for", "called on",
    "went on to say", "made clear", "pointed out", "in remarks", "in testimony",
    "a spokesman", "a spokeswoman", "a spokesperson", "spokesman", "spokeswoman", "spokesperson",
    # Speech acts written as phrasal verbs or as "sent"/"issued" a message (ANNOTATION.md hard
    # case "a named person's speech act without 'said' or quotation marks").
    "ruled out", "rule out", "ruling out", "pushed back", "push back", "pushing back",
    "weighed in", "weigh in", "lashed out", "hit back", "fired back", "doubled down",
    "walked back", "spoke out", "speak out", "sent a letter", "issued a statement",
    "released a statement", "put out a statement", "in statements", "took to twitter",
    "took to social media", "in an op-ed", "in an email", "in an emailed statement",
)

# `anonymous` (ANNOTATION.md "anonymous" and hard cases "unnamed officials, aides or members of a
# named body", "a vague group's view", "polls show ... with nothing named").
ANONYMOUS_SOURCE_NOUNS: frozenset[str] = frozenset(
    """
    official officials source sources people person aide aides adviser advisers advisor
    advisors diplomat diplomats insider insiders critic critics expert experts analyst analysts
    observers officer officers lawmaker lawmakers staffer staffers strategist strategists
    operative operatives donor donors investigators authorities residents witnesses
    economists traders scientists researchers democrats republicans supporters opponents
    lawyers attorneys executives employees members allies associates confidants friends
    polls studies reports footage documents estimates
    voters conservatives liberals progressives activists protesters fans parents americans
    pundits commentators veterans leaders senators ministers governors mayors judges
    prosecutors diplomats negotiators advocates skeptics backers detractors
    some many others few most several delegates staff surveyed respondents loyalists
    someone somebody
    """.split()
)

# A person's circle, unnamed when it speaks as one (ANNOTATION.md hard case "unnamed officials,
# aides or members of a named body"): "his team believes", "the Clinton camp said".
ENTOURAGE_NOUNS: frozenset[str] = frozenset("team camp entourage circle".split())

# Phrases that withhold identity or give a reason for anonymity (ANNOTATION.md "anonymous").
ANONYMITY_PHRASES: tuple[str, ...] = (
    "familiar with", "briefed on", "with knowledge of", "knowledgeable about", "close to the",
    "declined to be named", "declined to be identified", "requested anonymity",
    "asked not to be named", "asked not to be identified", "condition of anonymity",
    "on the condition", "not authorized", "not authorised", "speaking anonymously",
    "who spoke anonymously", "requested that", "insisted on anonymity", "granted anonymity",
    "unnamed", "anonymous", "sources said", "sources say", "a source", "one source",
    "senior official", "senior administration official", "administration officials",
    "u.s. officials", "western officials", "some officials", "many officials", "officials said",
    "officials say", "officials believe", "aides said", "aides say", "people who",
    "critics say", "critics said", "experts say", "experts said", "analysts say",
    "analysts said", "many believe", "some believe", "polls show", "polls suggest",
    "studies show", "studies say", "footage showed", "according to reports", "reports say",
    "it was reported", "insiders say", "a person", "two people", "three people", "several people",
    "people close", "one official", "an official", "the official", "the officials",
    "the people", "the person", "the source", "the sources",
)

# Determiners and quantifiers that make a following source noun vague (ANNOTATION.md
# "anonymous": "a senior Ukrainian official said", "Western and Ukrainian officials said").
VAGUE_DETERMINERS: frozenset[str] = frozenset(
    "a an one two three four five several some many other another others most few numerous multiple "
    "various certain".split()
)

# `unverified` (ANNOTATION.md "unverified" and hard cases "a claim the text says is made without
# evidence", "an agentless passive"): hedges and markers of unsupported claims.
HEDGES: tuple[str, ...] = (
    "reportedly", "allegedly", "purportedly", "supposedly", "rumor", "rumour", "rumored",
    "rumoured", "unconfirmed", "without evidence", "without any evidence", "no evidence",
    "could not be independently verified", "could not be verified", "could not immediately be",
    "not be independently", "unverified", "unsubstantiated", "apparently", "appears to",
    "appeared to", "it is unclear", "it was unclear", "it remains unclear", "not clear",
)

AGENTLESS_PASSIVES: tuple[str, ...] = (
    "is expected to", "are expected to", "was expected to", "were expected to",
    "is believed to", "are believed to", "was believed to", "it is believed", "is thought to",
    "are thought to", "is considered", "are considered", "is seen as", "are seen as",
    "is widely seen", "is widely expected", "is said to", "are said to", "was said to",
    "it is understood", "is understood to", "is likely to", "are likely to", "is set to",
    "are set to", "is poised to", "is estimated", "are estimated", "is projected",
)

# `none` (ANNOTATION.md "none" and hard case "the writer's own question, prediction (may,
# might, could, likely), value judgement or call to action").
MODALS: frozenset[str] = frozenset("may might could would should must likely perhaps maybe".split())

OPINION_WORDS: frozenset[str] = frozenset(
    """
    clearly obviously surely sadly unfortunately fortunately ironically frankly arguably
    indeed simply merely certainly undoubtedly probably presumably hopefully admittedly
    disgrace disgraceful shameful absurd ridiculous outrageous remarkable extraordinary
    stunning incredible terrible wonderful great best worst bad worse good better
    dangerous foolish reckless naive cynical pathetic laughable bizarre baffling
    troubling alarming disturbing welcome refreshing impressive embarrassing
    must need needs ought let's should imagine consider remember
    """.split()
)

# `none` page furniture (ANNOTATION.md "none": navigation, related articles, comments, ads, share
# buttons, bylines, datelines, timestamps, credits, embed markup).
FURNITURE_PHRASES: tuple[str, ...] = (
    "advertisement", "related articles", "related coverage", "related stories", "read more",
    "comments", "no comments yet", "be the first to comment", "share this", "share on",
    "sign up", "subscribe", "newsletter", "click here", "follow us", "photo:", "photo by",
    "image:", "credit:", "getty images", "ap photo", "reuters/", "h/t", "hat tip",
    "editor's note", "skip to", "all rights reserved", "copyright", "©", "try our ai",
    "ai features", "continue reading", "continues", "watch:", "video:", "listen:",
    "updated", "published", "minutes ago", "hours ago", "days ago", "min read", "print",
    "email", "tweet", "facebook", "linkedin", "whatsapp", "pic.twitter.com", "http://",
    "https://", "www.", "abstract", "full text", "contributed to this report",
    "is a columnist", "is a reporter", "is a writer", "is the author", "staff writer",
    "correspondent", "loading", "javascript", "cookies",
)

# Titles and honorifics (ANNOTATION.md "named": "U.K. Defense Secretary John Healey").
TITLES: frozenset[str] = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen lt col maj capt adm sgt president vice minister secretary
    senator representative congressman congresswoman governor mayor chancellor premier
    ambassador judge justice attorney general chairman chairwoman chair ceo cfo director
    commissioner spokesman spokeswoman spokesperson chief officer leader speaker king queen
    prince pope bishop rabbi imam professor coach manager founder executive envoy sheriff
    lieutenant colonel major captain admiral sergeant deputy councilman councilwoman counterpart
    """.split()
)

# Role nouns that refer back to a named person (ANNOTATION.md "named": "the French minister
# said" after Lecornu was named).
ROLE_NOUNS: frozenset[str] = frozenset(
    """
    minister secretary senator president governor mayor chancellor ambassador judge justice
    spokesman spokeswoman spokesperson chairman chairwoman ceo director commissioner envoy
    candidate congressman congresswoman lawmaker prosecutor general admiral coach premier
    leader founder executive chief speaker nominee frontrunner billionaire attorney counterpart
    head
    """.split()
)

# Named bodies that speak officially (ANNOTATION.md "named": "the Pentagon said in a statement").
ORGANISATION_WORDS: frozenset[str] = frozenset(
    """
    pentagon kremlin white house department ministry agency office administration government
    commission committee council court police company corporation bank fund university
    institute campaign party senate congress parliament nato un reuters ap afp fbi cia
    """.split()
)

# Named documents and studies (ANNOTATION.md hard case "a named poll, study, filing or ruling").
DOCUMENT_WORDS: frozenset[str] = frozenset(
    """
    poll survey study report filing ruling indictment complaint lawsuit statement memo letter
    outlook analysis data figures census audit review budget forecast transcript records
    document documents affidavit opinion order
    """.split()
)

# Documents that are anonymous when nothing names them (ANNOTATION.md hard case "polls show,
# studies say, footage showed, with nothing named"); statements, letters and filings belong to
# whoever issued them.
RESEARCH_DOCUMENTS: frozenset[str] = frozenset("poll survey study report analysis review audit".split())

# Personal pronouns standing for a source already named (ANNOTATION.md "named": "'...,' he said").
PRONOUNS: frozenset[str] = frozenset("he she they it i we".split())

# Non-speech actions a writer reports on his own authority (ANNOTATION.md hard case "a named
# person's non-speech action reported by the writer: visited, signed, voted, met, was arrested").
ACTION_VERBS: frozenset[str] = frozenset(
    """
    visited signed voted met arrested arrived left traveled travelled attended won lost
    resigned appointed nominated hired fired launched filed sued charged convicted sentenced
    killed died fled raised spent bought sold acquired closed opened rose fell gained dropped
    declined climbed jumped slipped scored beat defeated married moved returned joined
    """.split()
)

# Reasons given for withholding a source's identity (ANNOTATION.md "anonymous": "said the people,
# who declined to be named"); regular expressions, matched case-insensitively.
ANONYMITY_REASONS: tuple[str, ...] = (
    r"declined to be (?:named|identified)",
    r"(?:spoke|speaking|spoken) (?:on|under) (?:the )?conditions? (?:of|that) (?:anonymity|they not be (?:named|identified))"
    r"(?: (?:because|to) [^,.;]+)?",
    r"(?:was|were|is|are) not authori[sz]ed to [^,.;]+",
    r"(?:requested|asked for|insisted on|were granted|was granted) anonymity(?: (?:because|to) [^,.;]+)?",
    r"asked not to be (?:named|identified)(?: (?:because|to) [^,.;]+)?",
    r"(?:speaking|spoke) anonymously(?: (?:because|to) [^,.;]+)?",
)

# Titles and roles that make a source an official: government, military, party, agency, court
# (issue "Who said it": "whether it is an official").
OFFICIAL_TITLES: frozenset[str] = frozenset(
    """
    president vice minister secretary senator sen representative rep congressman congresswoman
    governor gov mayor chancellor premier ambassador amb envoy commissioner director chief
    general gen admiral adm colonel col lt lieutenant major maj captain capt sergeant sgt
    spokesman spokeswoman spokesperson judge justice prosecutor attorney sheriff official
    officer councilman councilwoman speaker leader chairman chairwoman chair deputy
    diplomat negotiator lawmaker legislator delegate consul treasurer comptroller
    """.split()
)

# Abbreviated titles and the role nouns they stand for, so that "the senator" can refer back to
# "Sen. Maria Ochoa" (ANNOTATION.md "named": a role that stands for a person already named).
TITLE_ABBREVIATIONS: dict[str, str] = {
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "lt": "lieutenant",
    "col": "colonel", "maj": "major", "capt": "captain", "sgt": "sergeant", "adm": "admiral",
    "dr": "doctor", "prof": "professor", "sec": "secretary", "amb": "ambassador", "pres": "president",
    "atty": "attorney", "supt": "superintendent", "det": "detective",
}
