use std::time::Instant;
use tantivy::tokenizer::TokenStream;
fn main() {
    let text = std::fs::read_to_string("/tmp/rx.jsonl").unwrap();
    let bodies: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| v["body"].as_str().unwrap_or("").to_string())
        .collect();
    let bytes: usize = bodies.iter().map(|b| b.len()).sum();
    for name in ["prose", "name"] {
        let mut a = if name == "prose" {
            econ_archive::schema::prose_analyzer()
        } else {
            econ_archive::schema::name_analyzer()
        };
        for _ in 0..3 {
            let t = Instant::now();
            let mut n = 0usize;
            for b in &bodies {
                let mut s = a.token_stream(b);
                while s.advance() {
                    n += s.token().text.len();
                }
            }
            let e = t.elapsed().as_secs_f64();
            println!(
                "{name}: {:.3} s, {:.1} MB/s, {n}",
                e,
                bytes as f64 / e / 1e6
            );
        }
    }
}
