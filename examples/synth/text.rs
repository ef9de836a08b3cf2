//! The word material of the synthetic board: roles, places, people and
//! sentences, each as a Swedish/English pair so the two translations of a
//! posting say the same thing.
//!
//! Placeholders in sentences: `{role}` (the role with its article, mid-sentence),
//! `{unit}`, `{place}` (a place or "remote" wording) and `{ref}`.

/// A role: title in each language, the same mid-sentence with an article,
/// its main category and, for some, the employment type it always has.
pub struct Role {
    pub sv: &'static str,
    pub en: &'static str,
    pub sv_mid: &'static str,
    pub en_mid: &'static str,
    pub category: &'static str,
    pub employment: Option<&'static str>,
}

const fn role(
    sv: &'static str,
    en: &'static str,
    sv_mid: &'static str,
    en_mid: &'static str,
    category: &'static str,
) -> Role {
    Role {
        sv,
        en,
        sv_mid,
        en_mid,
        category,
        employment: None,
    }
}

pub const ROLES: &[Role] = &[
    role(
        "Handläggare",
        "Case Officer",
        "en handläggare",
        "a case officer",
        "case-handling",
    ),
    role(
        "Migrationshandläggare",
        "Migration Case Officer",
        "en migrationshandläggare",
        "a migration case officer",
        "case-handling",
    ),
    role(
        "Beslutsfattare",
        "Decision-Maker",
        "en beslutsfattare",
        "a decision-maker",
        "case-handling",
    ),
    role(
        "Förvarshandläggare",
        "Detention Officer",
        "en förvarshandläggare",
        "a detention officer",
        "case-handling",
    ),
    role(
        "Utredare",
        "Investigator",
        "en utredare",
        "an investigator",
        "case-handling",
    ),
    role(
        "Verksamhetsjurist",
        "In-house Lawyer",
        "en verksamhetsjurist",
        "an in-house lawyer",
        "legal",
    ),
    role(
        "Processförare",
        "Litigation Counsel",
        "en processförare",
        "a litigation counsel",
        "legal",
    ),
    role(
        "Landspecialist",
        "Country Information Specialist",
        "en landspecialist",
        "a country information specialist",
        "legal",
    ),
    role(
        "Systemutvecklare",
        "Software Developer",
        "en systemutvecklare",
        "a software developer",
        "it",
    ),
    role(
        "Dataanalytiker",
        "Data Analyst",
        "en dataanalytiker",
        "a data analyst",
        "it",
    ),
    role(
        "IT-säkerhetsspecialist",
        "IT Security Specialist",
        "en IT-säkerhetsspecialist",
        "an IT security specialist",
        "it",
    ),
    role(
        "Drifttekniker",
        "Operations Engineer",
        "en drifttekniker",
        "an operations engineer",
        "it",
    ),
    role(
        "UX-designer",
        "UX Designer",
        "en UX-designer",
        "a UX designer",
        "it",
    ),
    role(
        "Kundtjänstmedarbetare",
        "Customer Service Agent",
        "en kundtjänstmedarbetare",
        "a customer service agent",
        "service",
    ),
    role(
        "Mottagningshandläggare",
        "Reception Officer",
        "en mottagningshandläggare",
        "a reception officer",
        "service",
    ),
    role(
        "Receptionist",
        "Receptionist",
        "en receptionist",
        "a receptionist",
        "service",
    ),
    role(
        "Tolksamordnare",
        "Interpreter Coordinator",
        "en tolksamordnare",
        "an interpreter coordinator",
        "service",
    ),
    role(
        "HR-specialist",
        "HR Specialist",
        "en HR-specialist",
        "an HR specialist",
        "support",
    ),
    role(
        "Controller",
        "Financial Controller",
        "en controller",
        "a financial controller",
        "support",
    ),
    role(
        "Kommunikatör",
        "Communications Officer",
        "en kommunikatör",
        "a communications officer",
        "support",
    ),
    role(
        "Upphandlare",
        "Procurement Officer",
        "en upphandlare",
        "a procurement officer",
        "support",
    ),
    role(
        "Arkivarie",
        "Archivist",
        "en arkivarie",
        "an archivist",
        "support",
    ),
    role(
        "Kvalitetssamordnare",
        "Quality Coordinator",
        "en kvalitetssamordnare",
        "a quality coordinator",
        "support",
    ),
    role(
        "Enhetschef",
        "Head of Unit",
        "en enhetschef",
        "a head of unit",
        "management",
    ),
    role(
        "Sektionschef",
        "Head of Section",
        "en sektionschef",
        "a head of section",
        "management",
    ),
    role(
        "Biträdande enhetschef",
        "Deputy Head of Unit",
        "en biträdande enhetschef",
        "a deputy head of unit",
        "management",
    ),
    Role {
        employment: Some("internship"),
        ..role(
            "Praktikant",
            "Intern",
            "en praktikant",
            "an intern",
            "support",
        )
    },
    Role {
        employment: Some("seasonal"),
        ..role(
            "Sommarvikarie",
            "Summer Temp",
            "en sommarvikarie",
            "a summer temp",
            "case-handling",
        )
    },
];

/// The six categories of vacancy.toml: key, Swedish and English label.
pub const CATEGORIES: &[(&str, &str, &str)] = &[
    ("case-handling", "Handläggning", "Case handling"),
    ("legal", "Juridik", "Law"),
    ("it", "IT och digitalisering", "IT and digital services"),
    ("service", "Service och mottagning", "Service and reception"),
    ("support", "Verksamhetsstöd", "Corporate support"),
    ("management", "Chefer och ledare", "Management"),
];

/// Units per category (Swedish as written mid-sentence, English).
pub fn units(category: &str) -> &'static [(&'static str, &'static str)] {
    match category {
        "case-handling" => &[
            ("enheten för medborgarskap", "Citizenship Unit"),
            ("asylprövningsenheten", "Asylum Examination Unit"),
            ("enheten för arbetstillstånd", "Work Permit Unit"),
            ("förvarsenheten", "Detention Unit"),
        ],
        "legal" => &[
            ("rättsavdelningen", "Legal Affairs Department"),
            ("processrättsenheten", "Litigation Unit"),
            (
                "enheten för landinformation",
                "Country of Origin Information Unit",
            ),
        ],
        "it" => &[
            ("IT-avdelningen", "IT Department"),
            (
                "enheten för prognoser och statistik",
                "Forecasting and Statistics Unit",
            ),
            ("enheten för digitala tjänster", "Digital Services Unit"),
        ],
        "service" => &[
            ("kundtjänst", "Customer Service"),
            ("mottagningsenheten", "Reception Unit"),
            ("servicecenter", "Service Centre"),
        ],
        "management" => &[
            ("verksamhetsområde prövning", "Examination Division"),
            ("verksamhetsområde mottagning", "Reception Division"),
        ],
        _ => &[
            ("HR-avdelningen", "HR Department"),
            ("ekonomiavdelningen", "Finance Department"),
            ("kommunikationsavdelningen", "Communications Department"),
            ("säkerhetsavdelningen", "Security Department"),
        ],
    }
}

/// The 25 places, most common first (the generator draws them Zipf-like),
/// with a region for all but the last three (regions are optional).
pub const PLACES: &[(&str, Option<&str>)] = &[
    ("Stockholm", Some("Stockholms län")),
    ("Norrköping", Some("Östergötlands län")),
    ("Göteborg", Some("Västra Götalands län")),
    ("Malmö", Some("Skåne län")),
    ("Uppsala", Some("Uppsala län")),
    ("Sundbyberg", Some("Stockholms län")),
    ("Linköping", Some("Östergötlands län")),
    ("Örebro", Some("Örebro län")),
    ("Västerås", Some("Västmanlands län")),
    ("Gävle", Some("Gävleborgs län")),
    ("Helsingborg", Some("Skåne län")),
    ("Jönköping", Some("Jönköpings län")),
    ("Umeå", Some("Västerbottens län")),
    ("Märsta", Some("Stockholms län")),
    ("Lund", Some("Skåne län")),
    ("Karlstad", Some("Värmlands län")),
    ("Växjö", Some("Kronobergs län")),
    ("Sundsvall", Some("Västernorrlands län")),
    ("Borås", Some("Västra Götalands län")),
    ("Luleå", Some("Norrbottens län")),
    ("Kalmar", Some("Kalmar län")),
    ("Östersund", Some("Jämtlands län")),
    ("Flen", None),
    ("Kiruna", None),
    ("Åstorp", None),
];

pub const FIRST_NAMES: &[&str] = &[
    "Anna", "Erik", "Maria", "Johan", "Sara", "Mikael", "Fatima", "Ahmed", "Karin", "Lars", "Elin",
    "Oskar", "Leila", "Jonas", "Emma", "Ali", "Ingrid", "Per", "Hanna", "Björn", "Åsa", "Mohammed",
    "Sofia", "Gustav", "Noor", "Linnea", "Tiina", "Marek",
];

pub const LAST_NAMES: &[&str] = &[
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Lindell",
    "Kwiatek",
    "Örnberg",
    "Hassan",
    "Yilmaz",
    "Berg",
    "Lund",
    "Ekström",
    "Sandberg",
    "Holm",
    "Nyström",
    "Öberg",
    "Åkesson",
    "Rahimi",
];

/// Roles of ordinary contacts (Swedish, English).
pub const CONTACT_ROLES: &[(&str, &str)] = &[
    ("Enhetschef", "Head of Unit"),
    ("Sektionschef", "Head of Section"),
    ("Rekryterande chef", "Hiring manager"),
    ("HR-specialist", "HR Specialist"),
    ("Gruppchef", "Team leader"),
    ("Biträdande enhetschef", "Deputy Head of Unit"),
];

/// Roles of union contacts (Swedish, English).
pub const UNION_ROLES: &[(&str, &str)] = &[
    ("Fackligt ombud, Saco-S", "Union representative, Saco-S"),
    ("Fackligt ombud, ST", "Union representative, ST"),
    ("Fackligt ombud, Seko", "Union representative, Seko"),
];

pub const HOURS: &[(&str, &str)] = &[
    ("Flextid", "Flexitime"),
    ("Dagtid, flextid", "Daytime, flexitime"),
    ("Kontorstid 8–17", "Office hours 8–17"),
    (
        "Schemalagd tid, dag och kväll",
        "Scheduled hours, days and evenings",
    ),
    ("Skiftarbete, även helger", "Shift work, including weekends"),
];

pub const SALARY_TEXTS: &[(&str, &str)] = &[
    ("Individuell lönesättning", "Individual salary setting"),
    (
        "Enligt kollektivavtal",
        "According to the collective agreement",
    ),
    (
        "Månadslön enligt överenskommelse",
        "Monthly salary by agreement",
    ),
];

/// A heading pair.
pub type Pair = (&'static str, &'static str);

pub const H_ABOUT: Pair = ("Om oss", "About us");
pub const H_TASKS: Pair = ("Arbetsuppgifter", "What you will do");
pub const H_WHO: Pair = ("Vem är du?", "Who you are");
pub const H_REQUIRED: Pair = ("Krav", "Requirements");
pub const H_MERIT: Pair = ("Meriterande", "Desirable");
pub const H_OFFER: Pair = ("Vi erbjuder", "What we offer");
pub const H_APPLY: Pair = ("Så söker du", "How to apply");
pub const H_OTHER: Pair = ("Övrigt", "Other information");

/// Opening sentences: the first paragraph, which becomes the summary when none is given.
pub const INTRO: &[Pair] = &[
    (
        "Vill du göra skillnad för människor som kommer till Sverige? Vi söker nu {role} till {unit} i {place}.",
        "Do you want to make a difference for people who come to Sweden? We are now looking for {role} for the {unit} in {place}.",
    ),
    (
        "{unit} i {place} växer, och därför söker vi {role} som vill vara med och utveckla vårt arbete.",
        "The {unit} in {place} is growing, so we are looking for {role} who wants to help develop our work.",
    ),
    (
        "Är du {role} som trivs med ansvar och varierande uppgifter? Då kan det här vara jobbet för dig.",
        "Are you {role} who enjoys responsibility and varied work? Then this could be the job for you.",
    ),
    (
        "Hos oss får du ett meningsfullt arbete i en myndighet som berör många människors liv. Nu söker vi {role} med placering i {place}.",
        "With us you get meaningful work at an agency that touches many people's lives. We are now looking for {role} based in {place}.",
    ),
];

pub const ABOUT: &[Pair] = &[
    (
        "Exempelverket prövar ansökningar från personer som vill bosätta sig i Sverige, söka skydd här eller bli svenska medborgare.",
        "The Example Agency considers applications from people who want to settle in Sweden, seek protection here or become Swedish citizens.",
    ),
    (
        "Vi är cirka 6 000 medarbetare på ett fyrtiotal orter i landet, och vi arbetar för att varje ärende ska hanteras rättssäkert och effektivt.",
        "We are about 6,000 employees in some forty places across the country, and we work to make sure every case is handled lawfully and efficiently.",
    ),
    (
        "{unit} består av ett trettiotal medarbetare med olika bakgrund och erfarenheter.",
        "The {unit} has about thirty employees with different backgrounds and experience.",
    ),
    (
        "Vi har ett öppet och prestigelöst klimat där vi hjälper varandra och delar med oss av det vi kan.",
        "We have an open and unpretentious atmosphere where we help each other and share what we know.",
    ),
    (
        "Arbetet styrs av lagar och förordningar, men också av vår gemensamma värdegrund om öppenhet, respekt och kvalitet.",
        "Our work is governed by laws and regulations, but also by our shared values of openness, respect and quality.",
    ),
    (
        "Under de senaste åren har vi digitaliserat en stor del av ärendehanteringen, och mer återstår att göra.",
        "In recent years we have digitised a large part of our case handling, and there is more to do.",
    ),
];

pub const ABOUT_LINK: &[Pair] = &[
    (
        "Läs mer om [hur vi arbetar](https://www.example.se/om-oss/sa-arbetar-vi) på vår webbplats.",
        "Read more about [how we work](https://www.example.se/en/about-us/how-we-work) on our website.",
    ),
    (
        "På [vår webbplats](https://www.example.se/om-oss) kan du läsa mer om myndighetens uppdrag.",
        "You can read more about the agency's mission on [our website](https://www.example.se/en/about-us).",
    ),
];

pub const TASKS: &[Pair] = &[
    (
        "Som {role} utreder och bedömer du ärenden självständigt, men i nära samarbete med kollegor och chef.",
        "As {role} you investigate and assess cases on your own, but in close cooperation with colleagues and your manager.",
    ),
    (
        "Du har kontakt med sökande, ombud och andra myndigheter, både muntligt och skriftligt.",
        "You are in contact with applicants, representatives and other authorities, both orally and in writing.",
    ),
    (
        "Arbetet innebär mycket skrivande, och du formulerar dig tydligt och begripligt även i komplicerade frågor.",
        "The work involves a lot of writing, and you express yourself clearly and plainly even on complicated questions.",
    ),
    (
        "Du deltar i utvecklingen av arbetssätt och rutiner och bidrar med dina idéer till hur vi kan bli bättre.",
        "You take part in developing working methods and routines and contribute your ideas on how we can improve.",
    ),
    (
        "I rollen ingår även att introducera nya medarbetare och att vara ett stöd för kollegor i svåra ärenden.",
        "The role also includes introducing new colleagues and supporting others in difficult cases.",
    ),
    (
        "Du planerar ditt arbete utifrån verksamhetens mål och prioriteringar och följer upp resultaten tillsammans med teamet.",
        "You plan your work according to the organisation's goals and priorities and follow up the results with your team.",
    ),
    (
        "Det förekommer resor i tjänsten, främst inom Sverige men ibland även till andra länder i Europa.",
        "The job involves some travel, mainly within Sweden but sometimes also to other European countries.",
    ),
];

pub const TASK_BULLETS: &[Pair] = &[
    (
        "utreda och fatta beslut i ärenden",
        "investigating and deciding cases",
    ),
    (
        "hålla muntliga utredningar och intervjuer",
        "holding oral hearings and interviews",
    ),
    (
        "skriva beslut, yttranden och promemorior",
        "writing decisions, opinions and memos",
    ),
    (
        "ge service och information till sökande",
        "giving service and information to applicants",
    ),
    (
        "samarbeta med andra myndigheter och kommuner",
        "working with other agencies and municipalities",
    ),
    (
        "följa upp och analysera verksamhetens resultat",
        "following up and analysing results",
    ),
    (
        "delta i projekt och förbättringsarbete",
        "taking part in projects and improvement work",
    ),
    (
        "ta fram underlag till ledningen",
        "preparing material for management",
    ),
    (
        "stödja kollegor i metod- och rättsfrågor",
        "supporting colleagues in questions of method and law",
    ),
];

pub const WHO: &[Pair] = &[
    (
        "Du är noggrann och strukturerad och tar ansvar för att ditt arbete håller hög kvalitet.",
        "You are thorough and structured and take responsibility for the quality of your work.",
    ),
    (
        "Du samarbetar lätt med andra och bemöter människor med respekt, även när situationen är pressad.",
        "You work well with others and treat people with respect, even when the situation is tense.",
    ),
    (
        "Du är trygg i dig själv, kan fatta beslut och stå för dem.",
        "You are confident, able to take decisions and to stand by them.",
    ),
    (
        "Vi lägger stor vikt vid personlig lämplighet.",
        "We attach great importance to personal suitability.",
    ),
    (
        "Du har lätt för att sätta dig in i nya regelverk och system.",
        "You find it easy to learn new regulations and systems.",
    ),
];

pub const REQUIRED: &[Pair] = &[
    (
        "akademisk examen inom juridik, samhällsvetenskap eller annan utbildning som vi bedömer relevant",
        "a university degree in law, social sciences or another subject we consider relevant",
    ),
    (
        "minst två års erfarenhet av kvalificerat utredningsarbete",
        "at least two years of experience of qualified investigative work",
    ),
    (
        "mycket goda kunskaper i svenska och god förmåga att uttrycka dig på engelska",
        "excellent Swedish and a good command of English",
    ),
    (
        "god datorvana och erfarenhet av att arbeta i digitala ärendehanteringssystem",
        "good computer skills and experience of digital case management systems",
    ),
    (
        "erfarenhet av arbete i offentlig förvaltning",
        "experience of working in public administration",
    ),
    ("B-körkort", "a driving licence"),
];

pub const MERIT: &[Pair] = &[
    (
        "erfarenhet från migrationsområdet",
        "experience in the field of migration",
    ),
    (
        "kunskaper i arabiska, dari, somaliska eller tigrinja",
        "knowledge of Arabic, Dari, Somali or Tigrinya",
    ),
    (
        "erfarenhet av projektledning",
        "experience of project management",
    ),
    (
        "erfarenhet av att handleda eller introducera kollegor",
        "experience of mentoring or introducing colleagues",
    ),
    (
        "kunskap om förvaltningsrätt",
        "knowledge of administrative law",
    ),
];

pub const OFFER: &[Pair] = &[
    (
        "Vi erbjuder ett utvecklande arbete med goda möjligheter att växa i rollen.",
        "We offer challenging work with good opportunities to grow in the role.",
    ),
    (
        "Hos oss får du arbeta i en kunnig och engagerad arbetsgrupp där vi stöttar varandra.",
        "With us you work in a skilled and committed team where we support each other.",
    ),
];

pub const OFFER_BULLETS: &[Pair] = &[
    ("flexibel arbetstid", "flexible working hours"),
    (
        "friskvårdsbidrag och en timmes friskvård i veckan",
        "a wellness allowance and one hour of exercise a week",
    ),
    ("generösa semestervillkor", "generous holiday terms"),
    ("en gedigen introduktion", "a thorough introduction"),
    (
        "möjlighet att arbeta delvis på distans",
        "the option of working partly from home",
    ),
    (
        "kompetensutveckling genom hela anställningen",
        "training throughout your employment",
    ),
];

pub const OFFER_LINK: Pair = (
    "Läs mer om [våra förmåner](https://www.example.se/jobb/formaner).",
    "Read more about [our benefits](https://www.example.se/en/jobs/benefits).",
);

pub const APPLY: &[Pair] = &[
    (
        "Sök jobbet via länken på den här sidan. Bifoga ditt CV och ett personligt brev där du beskriver varför du söker tjänsten.",
        "Apply using the link on this page. Attach your CV and a cover letter explaining why you are applying.",
    ),
    (
        "Vi tillämpar löpande urval, så skicka gärna in din ansökan så snart som möjligt.",
        "We review applications as they come in, so please apply as soon as possible.",
    ),
    (
        "Intervjuer planeras att hållas i början av nästa månad. Ange referensnummer {ref} i din ansökan.",
        "Interviews are planned for early next month. Please quote reference {ref} in your application.",
    ),
];

pub const APPLY_LINK: &[Pair] = &[
    (
        "Har du frågor om hur rekryteringen går till? Läs [våra vanliga frågor](https://www.example.se/jobb/fragor).",
        "Questions about the recruitment process? Read [our frequently asked questions](https://www.example.se/en/jobs/faq).",
    ),
    (
        "Läs om [hur vi rekryterar](https://www.example.se/jobb/sa-rekryterar-vi) innan du skickar in din ansökan.",
        "Read about [how we recruit](https://www.example.se/en/jobs/how-we-recruit) before you send your application.",
    ),
];

pub const SCREENING: Pair = (
    "Tjänsten är placerad i säkerhetsklass, och en **säkerhetsprövning** med registerkontroll görs innan beslut om anställning.",
    "The position is security-classified, and a **security screening** including a records check is carried out before employment.",
);

pub const PROBATION: Pair = (
    "Tjänsten inleds med sex månaders provanställning.",
    "The employment starts with a six-month probationary period.",
);

pub const ATTACHMENT: Pair = (
    "Läs hela [arbetsbeskrivningen (PDF)](arbetsbeskrivning.pdf) innan du söker.",
    "Read the full [job description (PDF)](arbetsbeskrivning.pdf) before you apply.",
);

/// Extra sentences added to reach each body's length.
pub const FILLER: &[Pair] = &[
    (
        "Arbetet sker i team där handläggare, specialister och beslutsfattare arbetar tätt tillsammans.",
        "The work is done in teams where case officers, specialists and decision-makers work closely together.",
    ),
    (
        "Vi arbetar med ständiga förbättringar och tar vara på erfarenheter från hela landet.",
        "We work with continuous improvement and learn from experience across the country.",
    ),
    (
        "Ärendena varierar i svårighetsgrad, och du får successivt ansvar för mer komplexa frågor.",
        "The cases vary in difficulty, and you will gradually take on more complex matters.",
    ),
    (
        "Som stöd i arbetet finns metodstöd, rättsliga ställningstaganden och erfarna kollegor.",
        "To support your work there are method guides, legal positions and experienced colleagues.",
    ),
    (
        "Vi följer noga utvecklingen i omvärlden och anpassar arbetet när förutsättningarna ändras.",
        "We follow developments in the world closely and adapt our work when conditions change.",
    ),
    (
        "Du får en introduktion som är anpassad efter dina förkunskaper och rollens krav.",
        "You will get an introduction adapted to your previous knowledge and the demands of the role.",
    ),
    (
        "Stora delar av arbetet sker digitalt, och vi använder moderna verktyg för samarbete och dokumentation.",
        "Much of the work is digital, and we use modern tools for collaboration and documentation.",
    ),
    (
        "Vår ambition är att sökande ska få ett välgrundat beslut inom rimlig tid.",
        "Our aim is that applicants receive a well-founded decision within a reasonable time.",
    ),
    (
        "Många av våra medarbetare har arbetat länge hos oss, och det finns goda möjligheter att byta roll inom myndigheten.",
        "Many of our employees have been with us for a long time, and there are good opportunities to change roles within the agency.",
    ),
    (
        "Vi har regelbundna arbetsplatsträffar där vi går igenom aktuella frågor och planerar kommande arbete.",
        "We hold regular team meetings where we go through current issues and plan the work ahead.",
    ),
    (
        "Du arbetar med sekretessbelagda uppgifter och hanterar dem med omsorg.",
        "You work with confidential information and handle it with care.",
    ),
    (
        "Under det första halvåret har du en erfaren kollega som mentor.",
        "During your first six months an experienced colleague acts as your mentor.",
    ),
    (
        "Vi samarbetar med kommuner, regioner, Polismyndigheten och Skatteverket.",
        "We work with municipalities, regions, the Police Authority and the Tax Agency.",
    ),
    (
        "Arbetsbelastningen varierar över året, och vi hjälps åt när det är mycket att göra.",
        "The workload varies over the year, and we help each other when there is a lot to do.",
    ),
    (
        "Språket i våra beslut ska vara klart och begripligt, och vi arbetar aktivt med klarspråk.",
        "The language of our decisions must be clear and understandable, and we actively work with plain language.",
    ),
    (
        "Vi värdesätter de kunskaper och erfarenheter som mångfald bidrar med.",
        "We value the knowledge and experience that diversity brings.",
    ),
    (
        "Lokalerna ligger centralt med goda kommunikationer, och vi har moderna arbetsplatser.",
        "Our offices are central with good transport links, and we have modern workplaces.",
    ),
    (
        "För oss är det viktigt att du får möjlighet att kombinera arbete och fritid på ett bra sätt.",
        "It matters to us that you can combine work and private life in a good way.",
    ),
];

/// Plain pages: slug, weight, and (title, body) per language.
pub const PAGES: &[(&str, i64, Pair, Pair)] = &[
    (
        "om-oss",
        1,
        ("Om Exempelverket", "About the Example Agency"),
        (
            "Exempelverket är en statlig myndighet med uppdrag inom migrationsområdet. \
             Vi finns på ett fyrtiotal orter i hela landet.\n\n\
             ## Vår värdegrund\n\n- Öppenhet\n- Respekt\n- Kvalitet\n\n\
             Läs mer på [www.example.se](https://www.example.se/).\n",
            "The Example Agency is a government agency working in the field of migration. \
             We have offices in some forty places across the country.\n\n\
             ## Our values\n\n- Openness\n- Respect\n- Quality\n\n\
             Read more at [www.example.se](https://www.example.se/).\n",
        ),
    ),
    (
        "sa-soker-du",
        2,
        ("Så söker du jobb hos oss", "How to apply"),
        (
            "Alla lediga jobb söks via länken i annonsen. Bifoga CV och personligt brev.\n\n\
             ## Efter ansökan\n\nVi kontaktar de sökande som går vidare till intervju. \
             Alla som söker får besked när tjänsten är tillsatt.\n",
            "Every vacancy is applied for through the link in the posting. Attach a CV and a cover letter.\n\n\
             ## After you apply\n\nWe contact the applicants we invite to an interview. \
             Everyone who applies is told when the position has been filled.\n",
        ),
    ),
];
