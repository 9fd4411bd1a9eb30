//! `data/regions.csv`: the kabupaten/kota the site reports on.

use super::table;
use crate::diagnostics::Diagnostics;
use crate::model::Region;
use crate::slug::slugify;
use std::collections::BTreeMap;
use std::path::Path;

pub fn load(root: &Path, diags: &mut Diagnostics) -> Vec<Region> {
    let shown = Path::new("data/regions.csv");
    let Some(t) = table::read(&root.join(shown), shown, diags) else {
        return Vec::new();
    };
    let (Some(code_col), Some(name_col)) = (t.column("code"), t.column("name")) else {
        diags.error_hint(
            crate::diagnostics::Location::new(shown, 1, 1),
            format!(
                "the header must have columns `code` and `name` (found: {})",
                t.header.join(",")
            ),
            "e.g. code,name,short_name,capital,bps_code",
        );
        return Vec::new();
    };
    t.check_columns(
        &[
            "code",
            "name",
            "short_name",
            "capital",
            "bps_code",
            "tile_x",
            "tile_y",
        ],
        true,
        diags,
    );
    let opt = |name: &str| t.column(name);
    let (short_col, capital_col, bps_col, tx_col, ty_col) = (
        opt("short_name"),
        opt("capital"),
        opt("bps_code"),
        opt("tile_x"),
        opt("tile_y"),
    );
    let mut regions: Vec<Region> = Vec::new();
    let mut by_code: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_slug: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_tile: BTreeMap<(i32, i32), usize> = BTreeMap::new();
    for row in &t.rows {
        let code = t.cell(row, Some(code_col)).to_string();
        let name = t.cell(row, Some(name_col)).to_string();
        if code.is_empty() || name.is_empty() {
            diags.error_hint(
                t.at(row, if code.is_empty() { code_col } else { name_col }),
                "every region needs a code and a name",
                "fill in the Kemendagri code (e.g. 64.08) and the official name (e.g. Kabupaten Kutai Timur)",
            );
            continue;
        }
        if let Some(&first) = by_code.get(&code) {
            let prev = &regions[first];
            diags.error_hint(
                t.at(row, code_col),
                format!(
                    "region code {code} is listed twice (first at line {})",
                    prev.location.line
                ),
                "remove one of the two rows",
            );
            continue;
        }
        let slug = slugify(&name);
        if slug.is_empty() {
            diags.error_hint(
                t.at(row, name_col),
                format!("the name `{name}` has no letters or digits to make a page address from"),
                "write the official name, e.g. Kabupaten Kutai Timur",
            );
            continue;
        }
        if let Some(&first) = by_slug.get(&slug) {
            let prev = &regions[first];
            diags.error_hint(
                t.at(row, name_col),
                format!(
                    "the page address /wilayah/{slug}/ is also used by {} (line {})",
                    prev.name, prev.location.line
                ),
                "region names must differ by more than punctuation or capital letters",
            );
            continue;
        }
        let text = |c: Option<usize>| Some(t.cell(row, c).to_string()).filter(|s| !s.is_empty());
        let tile = match (text(tx_col), text(ty_col)) {
            (None, None) => None,
            (Some(x), Some(y)) => match (x.parse::<i32>(), y.parse::<i32>()) {
                (Ok(x), Ok(y)) => Some((x, y)),
                _ => {
                    diags.error_hint(
                        t.at(row, tx_col.unwrap_or(0)),
                        format!("tile position ({x}, {y}) is not two whole numbers"),
                        "tile_x and tile_y are grid positions such as 0, 1, 2",
                    );
                    None
                }
            },
            _ => {
                diags.error_hint(
                    t.at(row, tx_col.or(ty_col).unwrap_or(0)),
                    "only one of tile_x and tile_y is filled in",
                    "fill in both, or leave both empty",
                );
                None
            }
        };
        if let Some(pos) = tile {
            if let Some(&first) = by_tile.get(&pos) {
                let prev = &regions[first];
                diags.error_hint(
                    t.at(row, tx_col.unwrap_or(0)),
                    format!(
                        "tile ({}, {}) is also the tile of {} (line {}); the map would draw one region over the other",
                        pos.0, pos.1, prev.name, prev.location.line
                    ),
                    "give each region its own tile_x, tile_y position",
                );
            } else {
                by_tile.insert(pos, regions.len());
            }
        }
        by_code.insert(code.clone(), regions.len());
        by_slug.insert(slug.clone(), regions.len());
        regions.push(Region {
            code,
            name,
            short_name: text(short_col),
            capital: text(capital_col),
            bps_code: text(bps_col),
            tile,
            slug,
            location: t.at(row, code_col),
        });
    }
    if regions.is_empty() && diags.is_empty() {
        diags.error(
            crate::diagnostics::Location::file(shown),
            "no regions are listed",
        );
    }
    regions
}
