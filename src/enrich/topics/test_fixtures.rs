//! The small taxonomy that the unit tests of several modules share.

use super::Taxonomy;

pub(super) const SMALL: &str = r#"
mode = "replace"
threshold = 1.0
title_weight = 3.0
length_norm = "sqrt"
reference_words = 100

[[topic]]
slug = "trade"
label = "Trade"
description = "Tariffs and trade"
negative = ["trade union"]
[topic.terms]
tariff = 2.0
"trade talks" = 1.5
"quota*" = 1.0

[[topic]]
slug = "energy"
label = "Energy"
description = "Oil and gas"
threshold = 0.5
[topic.terms]
oil = 1.0
"#;

pub(super) fn small() -> Taxonomy {
    Taxonomy::from_toml_str(SMALL, "small.toml").unwrap()
}
