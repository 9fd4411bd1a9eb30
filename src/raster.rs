//! SVG to PNG in Rust (resvg), with the embedded fonts only: no system font lookup, so the
//! same SVG gives the same PNG bytes on every machine.

use crate::fonts;
use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, fontdb};
use std::sync::{Arc, OnceLock};

/// A font database holding only Liberation Sans, which every generic family resolves to.
fn font_db() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        for data in [fonts::REGULAR, fonts::BOLD, fonts::ITALIC] {
            db.load_font_source(fontdb::Source::Binary(Arc::new(data)));
        }
        db.set_sans_serif_family(fonts::FAMILY);
        db.set_serif_family(fonts::FAMILY);
        db.set_monospace_family(fonts::FAMILY);
        db.set_cursive_family(fonts::FAMILY);
        db.set_fantasy_family(fonts::FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Rasterises `svg` to a PNG `width_px` wide, height by the SVG's aspect ratio (its `viewBox`
/// when it has no width/height), on white. Opaque 8-bit RGB; deterministic for a given
/// `Cargo.lock` (pure-Rust deflate, no timestamps or other metadata chunks).
pub fn svg_to_png(svg: &str, width_px: u32) -> Result<Vec<u8>, String> {
    if width_px == 0 {
        return Err("PNG width must be at least 1 px".into());
    }
    let opt = usvg::Options {
        font_family: fonts::FAMILY.to_string(),
        fontdb: font_db(),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| format!("cannot parse SVG: {e}"))?;
    let size = tree.size();
    let scale = width_px as f32 / size.width();
    let height = (size.height() * scale).round().max(1.0) as u32;
    let mut pixmap = Pixmap::new(width_px, height)
        .ok_or_else(|| format!("cannot allocate a {width_px}x{height} image"))?;
    pixmap.fill(Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    // Every pixel is opaque (white under everything), so premultiplied RGBA is plain RGBA:
    // drop alpha for a smaller file.
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, width_px, height);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Balanced);
        let mut w = enc.write_header().map_err(|e| e.to_string())?;
        w.write_image_data(&rgb).map_err(|e| e.to_string())?;
        w.finish().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// Width and height from a PNG's IHDR chunk; `None` if `png` does not start like a PNG.
pub fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    const SIG: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
    if png.len() < 24 || png[..8] != SIG || &png[12..16] != b"IHDR" {
        return None;
    }
    let be = |i: usize| u32::from_be_bytes([png[i], png[i + 1], png[i + 2], png[i + 3]]);
    Some((be(16), be(20)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_the_view_box() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 300"><rect x="10" y="10" width="100" height="50" fill="#0072b2"/></svg>"##;
        let png = svg_to_png(svg, 1200).unwrap();
        assert_eq!(png_size(&png), Some((1200, 500)));
        assert!(svg_to_png(svg, 0).is_err());
        assert!(svg_to_png("<not svg", 100).is_err());
        assert_eq!(png_size(b"GIF89a"), None);
    }
}
