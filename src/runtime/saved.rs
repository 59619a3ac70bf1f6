//! The Saved tab's file work, on a blocking thread: one operation, then a fresh scan of every
//! root, both reported in one message.

use crate::app::saved_tab::{SavedOp, SavedOutcome};
use crate::store::saved::{self, Root};

/// Does `op` and scans `roots` again.
pub fn run(roots: &[Root], op: SavedOp) -> SavedOutcome {
    let result = match op {
        SavedOp::Scan => Ok((String::new(), None)),
        SavedOp::Save { folder, request } => saved::save(&folder, &request)
            .map(|path| {
                (
                    format!("Saved {:?} as {}", request.name, path.display()),
                    Some(path),
                )
            })
            .map_err(|e| format!("{:?} not saved in {}: {e}", request.name, folder.display())),
        SavedOp::Overwrite { path, request } => saved::overwrite(&path, &request)
            .map(|()| {
                (
                    format!("Saved {:?} to {}", request.name, path.display()),
                    None,
                )
            })
            .map_err(|e| format!("{} not saved: {e}", path.display())),
        SavedOp::Rename { path, name } => saved::rename(&path, &name)
            .map(|new| {
                (
                    format!("Renamed to {name:?} ({})", new.display()),
                    Some(new),
                )
            })
            .map_err(|e| format!("{} not renamed: {e}", path.display())),
        SavedOp::Delete { path } => saved::delete(&path)
            .map(|()| (format!("Deleted {}", path.display()), None))
            .map_err(|e| format!("{} not deleted: {e}", path.display())),
    };
    let trees = roots.iter().map(|root| saved::scan(&root.path)).collect();
    SavedOutcome { result, trees }
}
