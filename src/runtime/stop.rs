//! The signals that end the loop through its normal exit (the draft written, the history
//! flushed, the terminal restored): SIGTERM (a `kill`, a shutdown), SIGHUP (the terminal
//! closed), and SIGINT/SIGQUIT — which the terminal sends only while it is out of raw mode,
//! that is while the pager runs: those are the pager's, and are forgotten when it ends.

#[cfg(unix)]
use tokio::signal::unix::{Signal, SignalKind, signal};

#[cfg(unix)]
struct Signals {
    term: Signal,
    hup: Signal,
    int: Signal,
    quit: Signal,
}

pub(super) struct Stop {
    #[cfg(unix)]
    signals: Option<Signals>,
    /// SIGINT and SIGQUIT until then were the pager's: the signal driver may hand them over
    /// a moment after the pager ended.
    quiet_until: Option<std::time::Instant>,
}

impl Stop {
    /// Watches the signals when `enabled` (the real TUI; tests leave the process's alone).
    pub(super) fn new(enabled: bool) -> Self {
        #[cfg(unix)]
        {
            let watch = || {
                Some(Signals {
                    term: signal(SignalKind::terminate()).ok()?,
                    hup: signal(SignalKind::hangup()).ok()?,
                    int: signal(SignalKind::interrupt()).ok()?,
                    quit: signal(SignalKind::quit()).ok()?,
                })
            };
            Self {
                signals: enabled.then(watch).flatten(),
                quiet_until: None,
            }
        }
        #[cfg(not(unix))]
        {
            let _ = enabled;
            Self { quiet_until: None }
        }
    }

    /// The name of the next signal; never resolves when signals are not watched.
    pub(super) async fn next(&mut self) -> &'static str {
        #[cfg(unix)]
        if let Some(signals) = &mut self.signals {
            loop {
                let name = tokio::select! {
                    _ = signals.term.recv() => "SIGTERM",
                    _ = signals.hup.recv() => "SIGHUP",
                    _ = signals.int.recv() => "SIGINT",
                    _ = signals.quit.recv() => "SIGQUIT",
                };
                let the_pagers = matches!(name, "SIGINT" | "SIGQUIT")
                    && self
                        .quiet_until
                        .is_some_and(|until| std::time::Instant::now() < until);
                if !the_pagers {
                    return name;
                }
            }
        }
        std::future::pending().await
    }

    /// The pager just ended: SIGINTs and SIGQUITs typed in it, already here or arriving in
    /// the next half second, are dropped.
    pub(super) fn forget_interrupts(&mut self) {
        self.quiet_until = Some(std::time::Instant::now() + std::time::Duration::from_millis(500));
        #[cfg(unix)]
        if let Some(signals) = &mut self.signals {
            use futures_util::FutureExt;
            while signals.int.recv().now_or_never().is_some() {}
            while signals.quit.recv().now_or_never().is_some() {}
        }
    }
}
