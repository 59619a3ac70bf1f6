//! Long request URLs made short enough to scan in a list without losing the part that tells
//! them apart: ids shortened in the middle (`8c1b…e9d2`), and what is still too long cut in
//! the middle, never from the right (where the resource and the action are).

use unicode_width::UnicodeWidthChar;

/// Characters an id keeps at each end.
const ID_ENDS: usize = 4;

/// Runs of hex digits and dashes at least this long, with at least [`ID_HEX`] hex digits and
/// a letter among them (a long decimal number is a number), are ids: UUIDs (with or without
/// dashes), Keystone's 32-hex ids, the uuid of `req-…` request ids.
const ID_MIN: usize = 20;
const ID_HEX: usize = 16;

/// `text` with every id shortened to its first and last four characters around `…`:
/// `/servers/8c1b7f0e-6a6d-4e7c-9f4b-2f1d0c3be9d2/action` → `/servers/8c1b…e9d2/action`.
pub fn shorten_ids(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let hex = run.chars().filter(char::is_ascii_hexdigit).count();
        let letters = run.chars().any(|c| c.is_ascii_alphabetic());
        if run.len() >= ID_MIN && hex >= ID_HEX && letters {
            out.push_str(&run[..ID_ENDS]);
            out.push('…');
            out.push_str(&run[run.len() - ID_ENDS..]);
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_hexdigit() || c == '-' {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// `text` in at most `width` columns: as it is when it fits, else its start and its end with
/// `…` between (the end gets the larger share: it names the resource).
pub fn elide_middle(text: &str, width: usize) -> String {
    let widths: Vec<usize> = text.chars().map(|c| c.width().unwrap_or(0)).collect();
    let total: usize = widths.iter().sum();
    if total <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let room = width - 1;
    let head_room = room / 3;
    let tail_room = room - head_room;
    let chars: Vec<char> = text.chars().collect();
    let mut head = String::new();
    let mut used = 0;
    for (&c, &w) in chars.iter().zip(&widths) {
        if used + w > head_room {
            break;
        }
        used += w;
        head.push(c);
    }
    let mut tail = Vec::new();
    let mut used = 0;
    for (&c, &w) in chars.iter().zip(&widths).rev() {
        if used + w > tail_room {
            break;
        }
        used += w;
        tail.push(c);
    }
    tail.reverse();
    format!("{head}…{}", tail.into_iter().collect::<String>())
}

/// A request label (`compute:/servers/8c1b…e9d2/action`, or a path) in at most `width`
/// columns, its end always kept: as it is when it fits; else its service prefix, `…` and as
/// many of its last path segments as fit (`compute:…/action`); else the last segment alone
/// (`…/req-0f2d…4e5f`); else the prefix and as many of the last characters as fit.
pub fn fit_label(label: &str, width: usize) -> String {
    let width_of = |text: &str| unicode_width::UnicodeWidthStr::width(text);
    if width_of(label) <= width {
        return label.to_owned();
    }
    let prefix = match label.find(":/") {
        Some(at) => &label[..=at],
        None => "",
    };
    let room = width.saturating_sub(width_of(prefix) + 1);
    let body = &label[prefix.len()..];
    // The longest run of whole trailing segments (`/a/b?x=1`) that fits.
    let tail = body
        .char_indices()
        .filter(|&(at, c)| c == '/' && at > 0)
        .map(|(at, _)| &body[at..])
        .find(|tail| width_of(tail) <= room);
    if let Some(tail) = tail {
        return format!("{prefix}…{tail}");
    }
    let last = body.rfind('/').map_or(body, |at| &body[at..]);
    if width_of(last) < width {
        return format!("…{last}");
    }
    if room >= 4 {
        let mut kept: Vec<char> = Vec::new();
        let mut used = 0;
        for c in body.chars().rev() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w > room {
                break;
            }
            used += w;
            kept.push(c);
        }
        let tail: String = kept.into_iter().rev().collect();
        return format!("{prefix}…{tail}");
    }
    elide_middle(label, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_shortened_in_the_middle_and_nothing_else_is() {
        assert_eq!(
            shorten_ids("compute:/servers/8c1b7f0e-6a6d-4e7c-9f4b-2f1d0c3be9d2/action"),
            "compute:/servers/8c1b…e9d2/action"
        );
        assert_eq!(
            shorten_ids("/v2/32c13e88d51e4c6a9f0b7e2d1c3b4a59/flavors/detail"),
            "/v2/32c1…4a59/flavors/detail"
        );
        assert_eq!(
            shorten_ids("identity:/v3/projects?marker=0f2d9a511b3c4d5e8f709a1b2c3d4e5f"),
            "identity:/v3/projects?marker=0f2d…4e5f"
        );
        // A request id's uuid (the run starts at the dash after `req`).
        assert_eq!(
            shorten_ids("/os-instance-actions/req-0f2d9a51-1b3c-4d5e-8f70-9a1b2c3d4e5f"),
            "/os-instance-actions/req-0f2…4e5f"
        );
        // Words, dates, short numbers and long runs of one kind stay.
        for plain in [
            "compute:/flavors/detail",
            "/changes-since=2026-11-27",
            "/deadbeef/cafe",
            "/v2.1/servers?limit=1000000000000000000000",
        ] {
            assert_eq!(shorten_ids(plain), plain);
        }
    }

    #[test]
    fn a_label_keeps_its_service_and_its_last_segments() {
        let label = "compute:/servers/8c1b…e9d2/os-instance-actions/req-0f2…4e5f";
        assert_eq!(fit_label(label, 80), label);
        assert_eq!(
            fit_label(label, 44),
            "compute:…/os-instance-actions/req-0f2…4e5f"
        );
        assert_eq!(fit_label(label, 24), "compute:…/req-0f2…4e5f");
        // Too narrow for the service too: the last segment alone.
        assert_eq!(fit_label(label, 17), "…/req-0f2…4e5f");
        assert_eq!(
            fit_label("identity:/v3/auth/tokens", 19),
            "identity:…/tokens"
        );
        assert_eq!(fit_label("/v2/images?limit=2", 16), "…/images?limit=2");
        assert_eq!(fit_label("/v2/images?limit=2", 12), "…ges?limit=2");
        // A last segment longer than the room: its middle goes.
        let cut = fit_label("image:/v2/images?marker=a-very-long-marker-value", 16);
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(cut.as_str()),
            16,
            "{cut}"
        );
        assert_eq!(cut, "image:…ker-value");
    }

    #[test]
    fn what_does_not_fit_loses_its_middle_not_its_end() {
        let long = "compute:/servers/8c1b…e9d2/os-instance-actions/req-1234…abcd";
        let cut = elide_middle(long, 30);
        assert_eq!(unicode_width::UnicodeWidthStr::width(cut.as_str()), 30);
        assert!(cut.starts_with("compute:/"), "{cut}");
        assert!(cut.ends_with("req-1234…abcd"), "{cut}");
        assert_eq!(elide_middle("short", 30), "short");
        assert_eq!(elide_middle("abcdef", 1), "…");
        assert_eq!(elide_middle("abcdef", 0), "");
    }
}
