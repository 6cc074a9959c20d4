//! Invented people, places and organisations. All personal names are random
//! combinations of common first names and surnames from many languages; they do
//! not refer to real officials.

use super::rng::{Rng, Zipf};

/// (male first names, female first names, surnames) per language group.
pub const NAME_GROUPS: &[(&str, &str, &str)] = &[
    // 0 English
    (
        "James Robert Michael David Richard Thomas Daniel Mark Paul Steven Andrew Kenneth \
         Gregory Douglas Dennis Walter Harold Russell Curtis Neil Graham Malcolm Trevor",
        "Mary Patricia Linda Barbara Susan Karen Nancy Margaret Sandra Carol Janet Ruth \
         Deborah Sharon Helen Gillian Fiona Heather Alison Diane Joan Maureen",
        "Whitcombe Ashford Pennington Caldwell Harlow Prescott Thornbury Wexley Merriman \
         Halloway Brenner Colby Danforth Ellery Fairbanks Garrity Hollister Ingram Kendrick \
         Lockhart Mayhew Northcott Osgood Pryce Radcliffe Stanhope Tolliver Underhill \
         Vance Winslow Yardley Bramwell Copeland Dunmore Everly Fenwick Galloway Hargrove",
    ),
    // 1 German
    (
        "Klaus Jürgen Dieter Wolfgang Horst Manfred Rainer Helmut Gerhard Uwe Matthias \
         Stefan Joachim Norbert Bernd Volker",
        "Ursula Renate Monika Brigitte Gisela Sabine Petra Heike Birgit Claudia Andrea \
         Karin Elke Annette",
        "Brandstätter Kellermann Hollweg Ostendorf Reinholz Saalfeld Tiedemann Wendling \
         Ziegenbein Auerbach Bräutigam Dietzel Eichhorst Falkenrath Grünewald Hasselbach \
         Imhof Jaspers Kühnel Lindemann Mertesacker Nordhoff Pfitzner Quandtmeyer \
         Rosenkranz Schwendtner Trautmann Vogelsang Wiegmann",
    ),
    // 2 Japanese
    (
        "Hiroshi Takeshi Kenji Makoto Tadashi Yoshio Masaru Shigeru Noboru Katsuhiko \
         Toshiaki Akira Haruki Isamu",
        "Keiko Yoko Michiko Naoko Sachiko Tomoko Yumiko Emiko Fumiko Hiroko Junko",
        "Kuramoto Takenaka Oshiro Hamaguchi Nishimaki Tsuchida Yoshikawa Morinaga \
         Kageyama Sugimura Fujisawa Ichikura Matsudaira Nakahira Okabe Shibasaki \
         Tanabe Uemura Wakabayashi Yanagida",
    ),
    // 3 French
    (
        "Jean-Pierre Philippe Alain Bernard Michel Jacques Thierry Laurent Olivier \
         Didier Francois Hervé Pascal Gilles",
        "Catherine Sylvie Isabelle Nathalie Martine Dominique Brigitte Véronique Chantal \
         Mireille Hélène Sophie",
        "Delacroix-Fabre Beaumarchand Chastenet Dufresnoy Lemaistre Montaubert Rocheval \
         Vasselin Aubertin Brissac Courtenay Desjardins Fontanel Guérinot Lafargue \
         Marcillac Peyrefitte Quilliet Sauvageot Thibaudier",
    ),
    // 4 Italian
    (
        "Giuseppe Giovanni Antonio Mario Luigi Francesco Paolo Sergio Roberto Massimo \
         Enrico Carlo Fabrizio Gianluca",
        "Maria Anna Giovanna Rosa Francesca Lucia Paola Giulia Elena Chiara Silvia",
        "Castellani Benedetti Fioravanti Lombardini Marchetti Orsolini Pellegrino \
         Santangelo Taddei Valsecchi Zanardelli Bertoldi Cavalcanti Donadoni Ferrante \
         Gualtieri Innocenti Malvezzi Rinaldini Scarpelli",
    ),
    // 5 Spanish
    (
        "José Juan Carlos Luis Javier Miguel Alejandro Fernando Ricardo Eduardo Guillermo \
         Rodrigo Sergio Ignacio Andrés",
        "María Carmen Ana Isabel Lucía Pilar Elena Rosa Beatriz Teresa Gabriela Mercedes",
        "Echeverría Altamirano Bustamante Castañeda Villalobos Montenegro Sepúlveda \
         Arizmendi Baeza Cifuentes Dorantes Escobedo Figueroa Galindo Ibarra Lozada \
         Mendívil Olmedo Quintanilla Saavedra Urrutia Zambrano",
    ),
    // 6 Portuguese
    (
        "João António Paulo Marcos Rafael Eduardo Sérgio Rogério Fábio Renato Henrique \
         Otávio",
        "Ana Mariana Fernanda Luciana Patrícia Cláudia Renata Juliana Adriana Beatriz",
        "Albuquerque Bragança Carvalhal Figueiredo Magalhães Nogueira Pimentel Quintela \
         Rezende Sampaio Teixeira Valadares Azevedo Barreto Coutinho Drummond Falcão \
         Guimarães",
    ),
    // 7 Hindi / Indian
    (
        "Rajesh Suresh Anil Vijay Sanjay Arvind Pradeep Ramesh Manoj Ashok Vikram Naveen \
         Deepak Rohit",
        "Sunita Anjali Priya Kavita Meera Pooja Rekha Shalini Nandini Lakshmi Asha",
        "Chaturvedi Raghunathan Venkataraman Bhattacharjee Deshpande Kulkarni Malhotra \
         Subramanian Trivedi Banerjee Iyengar Joshi Kapoor Mehrotra Nair Pillai Rastogi \
         Saxena Thakur Upadhyay",
    ),
    // 8 Chinese
    (
        "Wei Jian Ming Hong Jun Tao Qiang Lei Bo Gang Zhiwei Jianguo Haitao",
        "Li Na Mei Xiu Fang Yan Ling Hui Jing Xiaoyan Yuling",
        "Zhao Qian Sun Zhou Wu Zheng Feng Chen Chu Wei Jiang Shen Han Yang Zhu Qin You \
         Xu He Lü Shi Kong Cao Yan Hua",
    ),
    // 9 Korean
    (
        "Min-jun Seo-jun Ji-hoon Hyun-woo Sung-min Dong-hyun Jae-sung Young-ho Kwang-soo \
         Sang-woo",
        "Ji-young Soo-jin Eun-ji Hye-jin Min-seo Yoon-hee Mi-kyung Seon-hwa",
        "Baek Cho Hwang Jeon Kang Kwon Moon Noh Ryu Seo Song Yoo Gu Heo Pyo",
    ),
    // 10 Arabic
    (
        "Abdullah Khalid Faisal Saud Tariq Hamad Nasser Omar Yousef Majed Fahad Rashid \
         Saleh Ibrahim",
        "Fatima Noura Huda Layla Reem Amal Mona Sara Dalia Hanan",
        "al-Qahtani al-Harbi al-Mutairi al-Otaibi al-Ghamdi al-Zahrani al-Shehri \
         al-Dosari al-Anazi al-Subaie al-Rashidi al-Juhani Bin Mahfouz al-Sayari \
         al-Tuwaijri al-Khalifi",
    ),
    // 11 Yoruba / Igbo / Hausa
    (
        "Adebayo Chukwuemeka Oluwaseun Ikechukwu Babatunde Emeka Olumide Nnamdi Musa \
         Abubakar Tunde Obinna",
        "Ngozi Folasade Chiamaka Adaeze Funmilayo Aisha Yetunde Nkechi Bisola",
        "Adeyemi Okonkwo Olawale Nwachukwu Bello Adesanya Ekwueme Ogunleye Okafor \
         Abiodun Danjuma Eze Fashola Igwe Obiora Yakubu",
    ),
    // 12 Indonesian
    (
        "Budi Agus Bambang Hendra Joko Rudi Dedi Wahyu Arief Slamet Teguh",
        "Siti Dewi Sri Wulan Ratna Indah Kartika Lestari Ayu",
        "Santoso Wibowo Kusuma Hartono Setiawan Purnomo Nugroho Siregar Hutapea Sudarmo \
         Gunawan Halim Wijaya Prasetyo Sembiring",
    ),
    // 13 Russian
    (
        "Sergei Andrei Dmitri Alexei Nikolai Mikhail Viktor Igor Oleg Vladislav Yuri \
         Pavel Boris Gennady",
        "Olga Tatiana Natalia Irina Svetlana Yelena Marina Lyudmila Galina Vera",
        "Zhuravlev Bogdanovsky Kalashnikov Lebedinsky Merkulov Naumenko Ostrovsky \
         Pankratov Rybakov Seleznyov Tikhomirov Ulyanin Varlamov Yermolaev Zakharchenko \
         Belousov Gorbunov",
    ),
    // 14 Turkish
    (
        "Mehmet Mustafa Ahmet Hüseyin Hasan Murat Kemal Emre Serkan Burak Cengiz Orhan",
        "Ayşe Fatma Zeynep Elif Emine Hatice Gül Selin Derya",
        "Yıldırım Karabulut Çelikkaya Demirtaş Aksoy Bozkurt Erdem Günaydın Kocabaş \
         Özdemir Sarıgül Tekin Uysal Yavuzer",
    ),
    // 15 Dutch
    (
        "Jan Pieter Willem Hendrik Maarten Joost Bram Gerrit Sjoerd Arjen Diederik",
        "Anneke Marieke Ingrid Femke Sanne Willemijn Geertje Lotte",
        "van der Hoeven Brinkhorst Dijkstra Groeneveld Hoogendoorn Kuipers Mulder \
         Oosterhuis Schimmelpenninck Terpstra Veenstra de Wolff Zwanenburg",
    ),
    // 16 Swedish / Nordic
    (
        "Lars Anders Johan Per Nils Magnus Björn Henrik Gustav Erik Sven",
        "Ingrid Karin Annika Margareta Birgitta Kerstin Lena Maja Sofia",
        "Lindqvist Bergström Ekholm Hedlund Nordlander Sandgren Wallenius Åkerlund \
         Forsberg Gyllenhammar Holmquist Sjöberg",
    ),
];

/// Role kinds for government officials; titles are per country.
pub const FINANCE: usize = 0;
pub const CB_HEAD: usize = 1;
#[allow(dead_code)]
pub const CB_DEPUTY: usize = 2;
pub const TRADE: usize = 3;
pub const ECONOMY: usize = 4;
pub const ENERGY: usize = 5;
pub const AGRICULTURE: usize = 6;
pub const LABOR: usize = 7;
pub const LAWMAKER: usize = 8;
pub const REGULATOR: usize = 9;
pub const N_ROLES: usize = 10;

pub struct Country {
    pub name: &'static str,
    /// With article: "the United States", "Germany".
    pub the_name: &'static str,
    pub adj: &'static str,
    pub city: &'static str,
    pub lang: usize,
    pub slug: &'static str,
    pub central_bank: &'static str,
    pub legislature: &'static str,
    pub weight: f64,
    /// Title overrides by role; empty string means "use default".
    pub titles: [&'static str; N_ROLES],
}

const DEFAULT_TITLES: [&str; N_ROLES] = [
    "Finance Minister",
    "central bank Governor",
    "Deputy Governor",
    "Trade Minister",
    "Economy Minister",
    "Energy Minister",
    "Agriculture Minister",
    "Labour Minister",
    "lawmaker",
    "chief financial regulator",
];

macro_rules! country {
    ($name:expr, $the:expr, $adj:expr, $city:expr, $lang:expr, $slug:expr, $cb:expr, $leg:expr, $w:expr, [$($t:expr),*]) => {
        Country { name: $name, the_name: $the, adj: $adj, city: $city, lang: $lang, slug: $slug,
                  central_bank: $cb, legislature: $leg, weight: $w, titles: [$($t),*] }
    };
}

pub const COUNTRIES: &[Country] = &[
    country!(
        "United States",
        "the United States",
        "U.S.",
        "WASHINGTON",
        0,
        "united-states",
        "Federal Reserve",
        "Congress",
        30.0,
        [
            "Treasury Secretary",
            "Fed Chairman",
            "Fed Governor",
            "U.S. Trade Representative",
            "Commerce Secretary",
            "Energy Secretary",
            "Agriculture Secretary",
            "Labor Secretary",
            "Senator",
            "SEC Chairman"
        ]
    ),
    country!(
        "Germany",
        "Germany",
        "German",
        "BONN",
        1,
        "germany",
        "Bundesbank",
        "the Bundestag",
        9.0,
        [
            "Finance Minister",
            "Bundesbank President",
            "Bundesbank Vice President",
            "",
            "Economics Minister",
            "",
            "",
            "",
            "",
            ""
        ]
    ),
    country!(
        "Japan",
        "Japan",
        "Japanese",
        "TOKYO",
        2,
        "japan",
        "Bank of Japan",
        "the Diet",
        9.0,
        [
            "Finance Minister",
            "Bank of Japan Governor",
            "BOJ Deputy Governor",
            "Trade Minister",
            "Economic Planning Minister",
            "",
            "Agriculture Minister",
            "",
            "",
            ""
        ]
    ),
    country!(
        "Britain",
        "Britain",
        "British",
        "LONDON",
        0,
        "britain",
        "Bank of England",
        "Parliament",
        7.0,
        [
            "Chancellor of the Exchequer",
            "Bank of England Governor",
            "Deputy Governor",
            "Trade Secretary",
            "Business Secretary",
            "Energy Secretary",
            "Farm Minister",
            "Employment Secretary",
            "MP",
            "head of the Financial Services Authority"
        ]
    ),
    country!(
        "France",
        "France",
        "French",
        "PARIS",
        3,
        "france",
        "Bank of France",
        "the National Assembly",
        4.0,
        [
            "Finance Minister",
            "Bank of France Governor",
            "",
            "Foreign Trade Minister",
            "",
            "",
            "",
            "",
            "deputy",
            ""
        ]
    ),
    country!(
        "Italy",
        "Italy",
        "Italian",
        "ROME",
        4,
        "italy",
        "Bank of Italy",
        "parliament",
        3.0,
        [
            "Treasury Minister",
            "Bank of Italy Governor",
            "",
            "",
            "Industry Minister",
            "",
            "",
            "",
            "senator",
            ""
        ]
    ),
    country!(
        "Canada",
        "Canada",
        "Canadian",
        "OTTAWA",
        0,
        "canada",
        "Bank of Canada",
        "Parliament",
        3.0,
        [
            "Finance Minister",
            "Bank of Canada Governor",
            "",
            "International Trade Minister",
            "",
            "",
            "",
            "",
            "MP",
            ""
        ]
    ),
    country!(
        "Brazil",
        "Brazil",
        "Brazilian",
        "BRASILIA",
        6,
        "brazil",
        "Brazilian central bank",
        "Congress",
        3.0,
        [
            "Finance Minister",
            "central bank President",
            "central bank director",
            "",
            "Planning Minister",
            "Mines and Energy Minister",
            "",
            "",
            "congressman",
            ""
        ]
    ),
    country!(
        "Mexico",
        "Mexico",
        "Mexican",
        "MEXICO CITY",
        5,
        "mexico",
        "Bank of Mexico",
        "Congress",
        2.5,
        [
            "Finance Minister",
            "Bank of Mexico Governor",
            "",
            "Trade Minister",
            "",
            "Energy Minister",
            "",
            "",
            "",
            ""
        ]
    ),
    country!(
        "India",
        "India",
        "Indian",
        "NEW DELHI",
        7,
        "india",
        "Reserve Bank of India",
        "parliament",
        3.0,
        [
            "Finance Minister",
            "Reserve Bank Governor",
            "Reserve Bank Deputy Governor",
            "Commerce Minister",
            "",
            "Petroleum Minister",
            "",
            "",
            "MP",
            ""
        ]
    ),
    country!(
        "China",
        "China",
        "Chinese",
        "BEIJING",
        8,
        "china",
        "People's Bank of China",
        "the National People's Congress",
        5.0,
        [
            "Finance Minister",
            "central bank Governor",
            "central bank Vice Governor",
            "Commerce Minister",
            "",
            "",
            "",
            "",
            "delegate",
            "banking regulator"
        ]
    ),
    country!(
        "South Korea",
        "South Korea",
        "South Korean",
        "SEOUL",
        9,
        "south-korea",
        "Bank of Korea",
        "the National Assembly",
        2.0,
        [
            "Finance Minister",
            "Bank of Korea Governor",
            "",
            "Trade Minister",
            "",
            "",
            "",
            "",
            "",
            ""
        ]
    ),
    country!(
        "Australia",
        "Australia",
        "Australian",
        "SYDNEY",
        0,
        "australia",
        "Reserve Bank of Australia",
        "Parliament",
        2.0,
        [
            "Treasurer",
            "Reserve Bank Governor",
            "",
            "Trade Minister",
            "",
            "Resources Minister",
            "Primary Industries Minister",
            "",
            "senator",
            ""
        ]
    ),
    country!(
        "Saudi Arabia",
        "Saudi Arabia",
        "Saudi",
        "RIYADH",
        10,
        "saudi-arabia",
        "Saudi central bank",
        "the Shura Council",
        2.0,
        [
            "Finance Minister",
            "central bank Governor",
            "",
            "Commerce Minister",
            "",
            "Oil Minister",
            "",
            "",
            "",
            ""
        ]
    ),
    country!(
        "Nigeria",
        "Nigeria",
        "Nigerian",
        "LAGOS",
        11,
        "nigeria",
        "Central Bank of Nigeria",
        "the National Assembly",
        1.0,
        [
            "Finance Minister",
            "central bank Governor",
            "",
            "",
            "",
            "Petroleum Minister",
            "",
            "",
            "",
            ""
        ]
    ),
    country!(
        "Indonesia",
        "Indonesia",
        "Indonesian",
        "JAKARTA",
        12,
        "indonesia",
        "Bank Indonesia",
        "parliament",
        1.5,
        [
            "Finance Minister",
            "Bank Indonesia Governor",
            "",
            "Trade Minister",
            "",
            "Mines and Energy Minister",
            "",
            "",
            "",
            ""
        ]
    ),
    country!(
        "Russia",
        "Russia",
        "Russian",
        "MOSCOW",
        13,
        "russia",
        "Russian central bank",
        "the Duma",
        2.5,
        [
            "Finance Minister",
            "central bank Chairman",
            "",
            "",
            "Economy Minister",
            "Energy Minister",
            "",
            "",
            "Duma deputy",
            ""
        ]
    ),
    country!(
        "Turkey",
        "Turkey",
        "Turkish",
        "ANKARA",
        14,
        "turkey",
        "Turkish central bank",
        "parliament",
        1.0,
        [
            "Finance Minister",
            "central bank Governor",
            "",
            "",
            "Economy Minister",
            "",
            "",
            "",
            "",
            ""
        ]
    ),
    country!(
        "Netherlands",
        "the Netherlands",
        "Dutch",
        "THE HAGUE",
        15,
        "netherlands",
        "Dutch central bank",
        "parliament",
        1.5,
        [
            "Finance Minister",
            "Dutch central bank President",
            "",
            "",
            "Economics Minister",
            "",
            "",
            "",
            "",
            ""
        ]
    ),
    country!(
        "Sweden",
        "Sweden",
        "Swedish",
        "STOCKHOLM",
        16,
        "sweden",
        "Riksbank",
        "the Riksdag",
        1.0,
        [
            "Finance Minister",
            "Riksbank Governor",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            ""
        ]
    ),
    country!(
        "Spain",
        "Spain",
        "Spanish",
        "MADRID",
        5,
        "spain",
        "Bank of Spain",
        "parliament",
        1.5,
        [
            "Economy Minister",
            "Bank of Spain Governor",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            ""
        ]
    ),
    country!(
        "Argentina",
        "Argentina",
        "Argentine",
        "BUENOS AIRES",
        5,
        "argentina",
        "Argentine central bank",
        "Congress",
        1.5,
        [
            "Economy Minister",
            "central bank President",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            ""
        ]
    ),
    country!(
        "South Africa",
        "South Africa",
        "South African",
        "JOHANNESBURG",
        0,
        "south-africa",
        "Reserve Bank",
        "parliament",
        1.0,
        [
            "Finance Minister",
            "Reserve Bank Governor",
            "",
            "Trade and Industry Minister",
            "",
            "Minerals and Energy Minister",
            "",
            "",
            "",
            ""
        ]
    ),
];

pub const US: usize = 0;
pub const GERMANY: usize = 1;

impl Country {
    pub fn title(&self, role: usize) -> &'static str {
        let t = self.titles[role];
        if t.is_empty() {
            DEFAULT_TITLES[role]
        } else {
            t
        }
    }

    /// Currency name (singular, plural) in a given year.
    pub fn currency(&self, year: i32) -> (&'static str, &'static str) {
        let euro = year >= 1999;
        match self.slug {
            "united-states" => ("dollar", "dollars"),
            "germany" if !euro => ("mark", "marks"),
            "france" if !euro => ("franc", "francs"),
            "italy" if !euro => ("lira", "lire"),
            "netherlands" if !euro => ("guilder", "guilders"),
            "spain" if !euro => ("peseta", "pesetas"),
            "germany" | "france" | "italy" | "netherlands" | "spain" => ("euro", "euros"),
            "japan" => ("yen", "yen"),
            "britain" => ("pound", "pounds"),
            "canada" => ("Canadian dollar", "Canadian dollars"),
            "australia" => ("Australian dollar", "Australian dollars"),
            "brazil" if year < 1994 => ("cruzeiro", "cruzeiros"),
            "brazil" => ("real", "reais"),
            "mexico" | "argentina" => ("peso", "pesos"),
            "india" => ("rupee", "rupees"),
            "china" => ("yuan", "yuan"),
            "south-korea" => ("won", "won"),
            "saudi-arabia" => ("riyal", "riyals"),
            "nigeria" => ("naira", "naira"),
            "indonesia" => ("rupiah", "rupiah"),
            "russia" => ("rouble", "roubles"),
            "turkey" => ("lira", "lira"),
            "sweden" => ("crown", "crowns"),
            "south-africa" => ("rand", "rand"),
            _ => ("dollar", "dollars"),
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    pub fn pronoun(self) -> &'static str {
        match self {
            Gender::Male => "he",
            Gender::Female => "she",
        }
    }
    pub fn pronoun_cap(self) -> &'static str {
        match self {
            Gender::Male => "He",
            Gender::Female => "She",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Person {
    pub first: String,
    pub last: String,
    pub gender: Gender,
}

impl Person {
    pub fn full(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

fn words(s: &'static str) -> Vec<&'static str> {
    // Surnames may contain spaces ("van der Hoeven") — they are joined with '_' nowhere,
    // so multi-word surnames are listed with a leading particle handled here.
    let mut out = Vec::new();
    let mut pending: Option<String> = None;
    for w in s.split_whitespace() {
        if matches!(w, "van" | "der" | "de" | "Bin") {
            let p = pending
                .take()
                .map(|p| format!("{p} {w}"))
                .unwrap_or(w.to_string());
            pending = Some(p);
            continue;
        }
        match pending.take() {
            Some(p) => out.push(&*Box::leak(format!("{p} {w}").into_boxed_str())),
            None => out.push(w),
        }
    }
    out
}

pub struct NameGroup {
    male: Vec<&'static str>,
    female: Vec<&'static str>,
    last: Vec<&'static str>,
}

/// Market participants: economists, analysts, executives.
pub const MARKET_TITLES: &[&str] = &[
    "chief economist at",
    "senior economist at",
    "economist at",
    "analyst at",
    "chief strategist at",
    "currency strategist at",
    "fixed-income strategist at",
    "head of research at",
    "portfolio manager at",
    "director of economic research at",
    "senior fellow at",
    "chief executive of",
    "chief investment officer at",
    "commodities analyst at",
    "trade policy analyst at",
];

const FIRM_A: &[&str] = &[
    "Harrowgate",
    "Kestrel",
    "Castellan",
    "Northgate",
    "Ostrander",
    "Belmont",
    "Marlowe",
    "Tarrant",
    "Wyvern",
    "Aldermoor",
    "Bellweather",
    "Corbridge",
    "Dunhallow",
    "Elmstead",
    "Fairhaven",
    "Greystone",
    "Holbrook",
    "Ironbridge",
    "Juniper",
    "Kingsmere",
    "Larchmont",
    "Merriden",
    "Netherby",
    "Oakhurst",
    "Pemberly",
    "Quenby",
    "Rothwell",
    "Saltmarsh",
    "Thistlewood",
    "Umberleigh",
    "Valcourt",
    "Westerholm",
    "Yarrowfield",
    "Zellner",
    "Amstel-Kroon",
    "Brisgau",
    "Cardinale",
    "Delamere",
    "Estoril",
    "Fujimori-Kane",
];
const FIRM_B: &[&str] = &[
    "Securities",
    "Capital",
    "Bank",
    "Partners",
    "Research",
    "Asset Management",
    "Investment Bank",
    "Brothers",
    "& Co",
    "Economics",
    "Advisors",
    "Trust",
    "Merchant Bank",
    "Financial Group",
    "Global Markets",
];
const INSTITUTES: &[&str] = &[
    "the Institute for Monetary Studies",
    "the Center for Trade Policy Research",
    "the Bellhaven Institute",
    "the Council on Fiscal Affairs",
    "the Institute of Applied Economics",
    "the Northfield Economic Forum",
    "the Foundation for Market Research",
    "the Centre for Budget Analysis",
    "the Energy Policy Institute",
    "the Agricultural Economics Bureau",
];

pub struct MarketPerson {
    pub person: Person,
    pub title: &'static str,
    pub firm: String,
}

pub struct People {
    pub groups: Vec<NameGroup>,
    /// Market participants per country, picked by a Zipf law (a few are quoted often).
    pub market: Vec<Vec<MarketPerson>>,
    pub market_zipf: Zipf,
    pub reporters: Vec<String>,
    pub reporter_zipf: Zipf,
    pub firms: Vec<String>,
}

pub const MARKET_PER_COUNTRY: usize = 160;
const NAME_SEED: u64 = 0x0FF1_C1A1_5EED;

impl People {
    pub fn build() -> People {
        let groups: Vec<NameGroup> = NAME_GROUPS
            .iter()
            .map(|(m, f, l)| NameGroup {
                male: words(m),
                female: words(f),
                last: words(l),
            })
            .collect();
        let mut firms: Vec<String> = Vec::new();
        for a in FIRM_A {
            for b in FIRM_B {
                firms.push(format!("{a} {b}"));
            }
        }
        let mut rng = Rng::new(NAME_SEED);
        // Shuffle firms deterministically so index order is not alphabetical.
        for i in (1..firms.len()).rev() {
            let j = rng.below(i + 1);
            firms.swap(i, j);
        }
        let mut market = Vec::new();
        for (ci, c) in COUNTRIES.iter().enumerate() {
            let mut list = Vec::with_capacity(MARKET_PER_COUNTRY);
            let mut seen = std::collections::BTreeSet::new();
            let mut r = Rng::for_stream(NAME_SEED, 10_000 + ci as u64);
            while list.len() < MARKET_PER_COUNTRY {
                // Mostly local names, some expatriates from any group.
                let lang = if r.chance(0.8) {
                    c.lang
                } else {
                    r.below(groups.len())
                };
                let person = person_from(&groups[lang], &mut r, 0.7);
                if !seen.insert(person.full()) {
                    continue;
                }
                let title = *r.pick(MARKET_TITLES);
                let firm = if title == "senior fellow at" {
                    r.pick(INSTITUTES).to_string()
                } else {
                    firms[r.below(firms.len())].clone()
                };
                list.push(MarketPerson {
                    person,
                    title,
                    firm,
                });
            }
            market.push(list);
        }
        let mut reporters = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        let mut r = Rng::for_stream(NAME_SEED, 99_999);
        while reporters.len() < 400 {
            let lang = if r.chance(0.5) {
                0
            } else {
                r.below(groups.len())
            };
            let p = person_from(&groups[lang], &mut r, 0.5);
            if seen.insert(p.full()) {
                reporters.push(p.full());
            }
        }
        People {
            groups,
            market,
            market_zipf: Zipf::new(MARKET_PER_COUNTRY, 1.0),
            reporters,
            reporter_zipf: Zipf::new(400, 0.8),
            firms,
        }
    }

    /// The official holding `role` in `country` in `year`. Tenures are fixed
    /// per (country, role), so the same official is quoted throughout a term.
    pub fn official(&self, country: usize, role: usize, year: i32) -> Person {
        let tenure = 3 + ((country * 7 + role * 3) % 5) as i32; // 3..=7 years
        let offset = ((country * 5 + role) % tenure as usize) as i32;
        let term = (year - 1980 + offset) / tenure;
        let mut r = Rng::for_stream(
            NAME_SEED,
            (country as u64) << 32 | (role as u64) << 16 | term as u64,
        );
        let female_share = if year < 2000 { 0.15 } else { 0.35 };
        person_from(
            &self.groups[COUNTRIES[country].lang],
            &mut r,
            1.0 - female_share,
        )
    }

    pub fn market_person(&self, country: usize, rng: &mut Rng) -> &MarketPerson {
        &self.market[country][self.market_zipf.sample(rng)]
    }

    pub fn reporter(&self, rng: &mut Rng) -> &str {
        &self.reporters[self.reporter_zipf.sample(rng)]
    }

    pub fn firm(&self, rng: &mut Rng) -> &str {
        &self.firms[rng.below(self.firms.len())]
    }

    /// Number of distinct named people that can appear.
    pub fn pool_size(&self) -> usize {
        self.market.iter().map(Vec::len).sum::<usize>()
            + COUNTRIES.len() * N_ROLES * 10
            + self.reporters.len()
    }
}

fn person_from(g: &NameGroup, r: &mut Rng, male_share: f64) -> Person {
    let (gender, first) = if r.chance(male_share) {
        (Gender::Male, *r.pick(&g.male))
    } else {
        (Gender::Female, *r.pick(&g.female))
    };
    Person {
        first: first.to_string(),
        last: r.pick(&g.last).to_string(),
        gender,
    }
}

/// Invented news outlets: (name, domain, weight).
pub const SOURCES: &[(&str, &str, f64)] = &[
    ("Meridian Wire Service", "meridianwire.news", 20.0),
    ("The Continental Ledger", "continentalledger.news", 8.0),
    ("Harbor Financial Post", "harborfinpost.news", 10.0),
    ("Global Markets Dispatch", "gmdispatch.news", 12.0),
    ("The Policy Monitor", "policymonitor.news", 5.0),
    ("Atlantic Economic Review", "atlanticecon.news", 4.0),
    ("Pacific Business Daily", "pacbizdaily.news", 7.0),
    ("The Exchange Chronicle", "exchangechronicle.news", 6.0),
    ("Northern Star Press Agency", "northstarpress.news", 9.0),
    ("Capital Bulletin", "capitalbulletin.news", 5.0),
    ("Commodity Courier", "commoditycourier.news", 6.0),
    ("Eurasia Trade Journal", "eurasiatrade.news", 4.0),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn officials_are_stable_within_a_term() {
        let p = People::build();
        let a = p.official(US, FINANCE, 1990);
        let b = p.official(US, FINANCE, 1990);
        assert_eq!(a.full(), b.full());
        let distinct: std::collections::BTreeSet<String> = (1985..=2025)
            .map(|y| p.official(US, FINANCE, y).full())
            .collect();
        assert!(
            distinct.len() >= 5 && distinct.len() <= 15,
            "{}",
            distinct.len()
        );
        assert!(p.pool_size() > 3000);
        assert!(words("van der Hoeven Mulder").contains(&"van der Hoeven"));
    }
}
