//! `fiddlestack demo`: the demo cloud in the foreground, with the clouds.yaml that reaches it.
#![allow(clippy::print_stdout)]

use super::{DemoArgs, ExitStatus};
use crate::openstack::demo::{DemoCloud, DemoOptions};

pub fn run(args: &DemoArgs) -> ExitStatus {
    let Ok(runtime) = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    else {
        eprintln!("fiddlestack: could not start the async runtime");
        return ExitStatus::NotSent;
    };
    let demo = match runtime.block_on(DemoCloud::start(DemoOptions {
        port: args.port,
        ..DemoOptions::default()
    })) {
        Ok(demo) => demo,
        Err(e) => {
            eprintln!(
                "fiddlestack: the demo cloud could not start on 127.0.0.1:{}: {e}",
                args.port
            );
            return ExitStatus::NotSent;
        }
    };
    println!(
        "# The demo cloud answers on {} (Ctrl-C stops it). A clouds.yaml for it:",
        demo.auth_url()
    );
    println!("{}", demo.clouds_yaml());
    eprintln!(
        "fiddlestack: demo cloud on {}; tokens live {} s",
        demo.base_url(),
        demo.token_lifetime().as_secs()
    );
    // Serve until the process is stopped.
    runtime.block_on(std::future::pending::<()>());
    ExitStatus::Ok
}
