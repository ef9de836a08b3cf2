//! Social images (`og:image`): a PNG or JPEG with its size, as the big
//! networks show them. An SVG, or anything else, is refused with the reason.

/// A raster image's type and size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Raster {
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
}

/// What to do instead of an image that cannot be a social image.
pub const HELP: &str = "give a PNG or JPEG; 1200 × 630 pixels shows best in link previews";

/// The type and size of a PNG or JPEG, or why `bytes` is not one.
pub fn raster(name: &str, bytes: &[u8]) -> Result<Raster, String> {
    let mime = match infer::get(bytes).map(|t| t.mime_type()) {
        Some(m @ ("image/png" | "image/jpeg")) => m,
        _ if name.to_ascii_lowercase().ends_with(".svg") || looks_like_svg(bytes) => {
            return Err(format!(
                "\"{name}\" is an SVG, which link previews do not show"
            ));
        }
        Some(other) => return Err(format!("\"{name}\" is {other}, not a PNG or JPEG")),
        None => return Err(format!("\"{name}\" is not a PNG or JPEG image")),
    };
    let size = imagesize::blob_size(bytes)
        .map_err(|_| format!("\"{name}\" is damaged: its size cannot be read"))?;
    let (width, height) = (size.width as u32, size.height as u32);
    if width == 0 || height == 0 {
        return Err(format!("\"{name}\" has no pixels"));
    }
    Ok(Raster {
        mime,
        width,
        height,
    })
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(1024)];
    String::from_utf8_lossy(start).contains("<svg")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_is_read_with_its_size_and_an_svg_is_refused() {
        // A 2 × 1 PNG: signature, then the IHDR chunk with width and height.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x02\0\0\0\x01\x08\x02\0\0\0".to_vec();
        png.extend_from_slice(&[0; 4]);
        assert_eq!(
            raster("a.png", &png),
            Ok(Raster {
                mime: "image/png",
                width: 2,
                height: 1
            })
        );
        let svg = b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        assert_eq!(
            raster("logo.svg", svg).unwrap_err(),
            "\"logo.svg\" is an SVG, which link previews do not show"
        );
        assert!(raster("x.gif", b"GIF89a\x01\0\x01\0").is_err());
    }
}
