//! Where the shipped files (`config/`, `models/`, `data/`, `eval/`) are found: the
//! frontdesk home.
//!
//! A relative path such as `config/intents.toml` is looked up, in order:
//! 1. in the working directory (a clone, or a directory a user prepared);
//! 2. under `$FRONTDESK_HOME` when it is set, and nowhere else after it: an explicit
//!    setting that does not hold the file is an error, not a reason to guess;
//! 3. otherwise next to the binary (`<bin dir>/`), in its share directory
//!    (`<bin dir>/../share/frontdesk/`), in `/usr/share/frontdesk/`, and last in the
//!    source tree the binary was built from (a developer's fallback: an installed binary
//!    must not depend on the build machine's checkout).
//!
//! When none holds the file, [`MissingFile`] names every place tried and the setting.

use std::path::{Path, PathBuf};

/// The environment variable that names the frontdesk home.
pub const HOME_ENV: &str = "FRONTDESK_HOME";

/// The system-wide home of an installed frontdesk (the container image's).
pub const SYSTEM_HOME: &str = "/usr/share/frontdesk";

/// A shipped file was found nowhere.
#[derive(Debug, thiserror::Error)]
#[error(
    "{relative} not found (looked in: {tried}); set {HOME_ENV} to the directory that holds frontdesk's config/, models/ and data/",
    relative = relative.display(),
    tried = tried.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
)]
pub struct MissingFile {
    /// The path asked for.
    pub relative: PathBuf,
    /// Every place it was looked for, in order.
    pub tried: Vec<PathBuf>,
}

/// Where to look: the explicit home, or the default places.
#[derive(Debug, Clone)]
pub struct Search {
    /// `$FRONTDESK_HOME`, when set (non-empty).
    pub explicit: Option<PathBuf>,
    /// Tried in order when there is no explicit home.
    pub defaults: Vec<PathBuf>,
}

impl Search {
    /// The search of this process: `$FRONTDESK_HOME`, else the places beside the binary,
    /// the system home and the source tree.
    pub fn from_env() -> Search {
        let explicit = std::env::var_os(HOME_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let mut defaults = Vec::new();
        if let Some(bin_dir) = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(Path::to_path_buf))
        {
            defaults.push(bin_dir.join("../share/frontdesk"));
            defaults.push(bin_dir);
        }
        defaults.push(PathBuf::from(SYSTEM_HOME));
        defaults.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
        Search { explicit, defaults }
    }

    /// `relative` under the working directory, else under the first home that holds it.
    /// An absolute path is returned as it is (whether it exists is the reader's concern).
    pub fn resolve(&self, relative: &Path) -> Result<PathBuf, MissingFile> {
        if relative.is_absolute() || relative.exists() {
            return Ok(relative.to_path_buf());
        }
        let homes = match &self.explicit {
            Some(home) => std::slice::from_ref(home),
            None => self.defaults.as_slice(),
        };
        let mut tried = vec![std::env::current_dir()
            .map(|d| d.join(relative))
            .unwrap_or_else(|_| relative.to_path_buf())];
        for home in homes {
            let candidate = home.join(relative);
            if candidate.exists() {
                return Ok(candidate);
            }
            tried.push(candidate);
        }
        Err(MissingFile {
            relative: relative.to_path_buf(),
            tried,
        })
    }
}

/// A shipped file or directory (`data/...`, `models/...`, `config/...`), found as the
/// [module](self) describes.
pub fn shipped(relative: impl AsRef<Path>) -> Result<PathBuf, MissingFile> {
    Search::from_env().resolve(relative.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn home_with(file: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "x").unwrap();
        dir
    }

    const FILE: &str = "config/home-test-only.toml";

    #[test]
    fn an_explicit_home_is_used_and_the_defaults_are_not() {
        let home = home_with(FILE);
        let fallback = home_with(FILE);
        let search = Search {
            explicit: Some(home.path().to_path_buf()),
            defaults: vec![fallback.path().to_path_buf()],
        };
        assert_eq!(
            search.resolve(Path::new(FILE)).unwrap(),
            home.path().join(FILE)
        );

        let empty = tempfile::tempdir().unwrap();
        let search = Search {
            explicit: Some(empty.path().to_path_buf()),
            defaults: vec![fallback.path().to_path_buf()],
        };
        let err = search.resolve(Path::new(FILE)).unwrap_err();
        let message = err.to_string();
        assert!(message.contains(HOME_ENV), "{message}");
        assert!(message.contains(FILE), "{message}");
        assert!(
            message.contains(&empty.path().join(FILE).display().to_string()),
            "{message}"
        );
        assert!(
            !message.contains(&fallback.path().display().to_string()),
            "{message}"
        );
    }

    #[test]
    fn without_an_explicit_home_the_first_default_holding_the_file_wins() {
        let first = tempfile::tempdir().unwrap();
        let second = home_with(FILE);
        let third = home_with(FILE);
        let search = Search {
            explicit: None,
            defaults: vec![
                first.path().to_path_buf(),
                second.path().to_path_buf(),
                third.path().to_path_buf(),
            ],
        };
        assert_eq!(
            search.resolve(Path::new(FILE)).unwrap(),
            second.path().join(FILE)
        );
        let missing = search.resolve(Path::new("models/none-such")).unwrap_err();
        assert_eq!(missing.tried.len(), 4, "{:?}", missing.tried);
    }

    #[test]
    fn absolute_paths_are_kept_and_the_source_tree_is_the_last_default() {
        let abs = Path::new("/nonexistent/frontdesk/file.toml");
        assert_eq!(Search::from_env().resolve(abs).unwrap(), abs);
        let search = Search::from_env();
        assert_eq!(
            search.defaults.last().unwrap(),
            Path::new(env!("CARGO_MANIFEST_DIR"))
        );
        assert!(search.defaults.contains(&PathBuf::from(SYSTEM_HOME)));
    }
}
