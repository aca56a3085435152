//! The `archive-bundle` binary as a user runs it: `check` output and exit codes on fixture
//! bundles, and how `import pages` reports bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archive-bundle"))
        .args(args)
        .output()
        .expect("run archive-bundle")
}

fn check(path: &Path) -> (Option<i32>, String, String) {
    let out = run(&["check".as_ref(), path.as_os_str()]);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_lists_located_errors_and_exits_1() {
    let (code, stdout, _) = check(&fixture("broken-bundle.json"));
    assert_eq!(code, Some(1));
    let lines: Vec<&str> = stdout.lines().collect();
    // articles[1] has a blank title, [2] a space in its id, [3] repeats [0]'s id,
    // [4] a 29 February in 2023 (kept without its date: a warning), [5] no date (a warning).
    assert_eq!(lines[0], "error: articles[1] (id \"no-title\"), field `title`: the title is empty");
    assert!(lines[1]
        .starts_with("error: articles[2] (id \"has space\"), field `id`: not a URL-safe id"));
    assert!(lines[2].starts_with(
        "error: articles[3] (id \"good\"), field `id`: repeats an earlier article's id \
         (articles[0])"
    ));
    assert!(
        lines[3].starts_with("warning: articles[4] (id \"bad-date\"), field `date`:")
            && lines[3].contains("2023-02-29")
            && lines[3].ends_with("the article is kept without it"),
        "{}",
        lines[3]
    );
    assert!(lines[4].starts_with("warning: articles[4] (id \"bad-date\"), field `body`: no body"));
    assert!(lines[5].starts_with("warning: articles[5] (id \"undated\"), field `date`"));
    assert!(
        lines[6].ends_with("broken-bundle.json: 3 articles usable, 3 errors, 3 warnings"),
        "{}",
        lines[6]
    );
    assert_eq!(lines.len(), 7);
}

#[test]
fn check_accepts_warnings_with_exit_0() {
    let (code, stdout, stderr) = check(&fixture("valid-bundle.json"));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.ends_with("valid-bundle.json: 2 articles usable, 0 errors, 1 warning\n"),
        "{stdout}"
    );
}

#[test]
fn check_on_non_json_names_line_and_column_and_exits_1() {
    // Line 4 is `  "archive": { "id": "x", }`: the trailing comma is at column 27.
    let (code, stdout, stderr) = check(&fixture("not-json.json"));
    assert_eq!(code, Some(1));
    assert!(stdout.is_empty());
    assert!(stderr.contains("not a usable bundle"), "{stderr}");
    assert!(stderr.contains("not valid JSON at line 4, column 27"), "{stderr}");
}

#[test]
fn check_on_a_missing_file_exits_2() {
    let (code, _, stderr) = check(&fixture("no-such-bundle.json"));
    assert_eq!(code, Some(2));
    assert!(stderr.starts_with("error: cannot read"), "{stderr}");
    assert!(stderr.contains("caused by:"), "the I/O cause is printed: {stderr}");
}

#[test]
fn check_on_non_utf8_exits_1_with_position() {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("latin1.json");
    std::fs::write(&path, b"{\n  \"format\": \"caf\xe9\"\n}\n").expect("write fixture");
    let (code, _, stderr) = check(&path);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("not UTF-8") && stderr.contains("line 2, column 17"), "{stderr}");
}

#[test]
fn check_on_hostile_input_never_panics() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let inputs: [&[u8]; 8] = [
        b"",
        b"null",
        b"[]",
        b"{\"format\": \"archive-browser-bundle\", \"version\": 2}",
        b"{\"format\": \"archive-browser-bundle\", \"version\": 1, \"archive\": 3}",
        b"{\"format\": \"archive-browser-bundle\", \"version\": 1, \"archive\": {\"id\": \"a\", \"title\": {}, \"languages\": [], \"default_language\": \"x\"}, \"articles\": [1, {}, {\"id\": 5}]}",
        b"\xef\xbb\xbf{}",
        &[b'['; 10_000],
    ];
    for (i, bytes) in inputs.iter().enumerate() {
        let path = dir.join(format!("hostile-{i}.json"));
        std::fs::write(&path, bytes).expect("write");
        let (code, _, stderr) = check(&path);
        assert!(matches!(code, Some(0 | 1)), "input {i}: exit {code:?}, {stderr}");
        assert!(!stderr.contains("panicked"), "input {i}: {stderr}");
    }
}

#[test]
fn help_documents_the_exit_codes() {
    let out = run(&["check".as_ref(), "--help".as_ref()]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("0 the bundle is valid")
            && help.contains("1 the bundle is")
            && help.contains("2 the file cannot be read"),
        "{help}"
    );
}

#[test]
fn import_names_file_and_line_of_a_bad_record() {
    let out_path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("never-written.json");
    let out = run(&[
        "import".as_ref(),
        "pages".as_ref(),
        fixture("bad-record.jsonl").as_os_str(),
        "-o".as_ref(),
        out_path.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad-record.jsonl:2:") && stderr.contains("missing field `text`"),
        "{stderr}"
    );
    assert!(!out_path.exists(), "nothing is written on bad input");
}

#[test]
fn import_of_a_missing_input_exits_2() {
    let out = run(&[
        "import".as_ref(),
        "pages".as_ref(),
        fixture("no-such-pages.jsonl").as_os_str(),
        "-o".as_ref(),
        "-".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn import_of_a_txt_page_without_url_and_with_bad_options() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let page = dir.join("page.txt");
    std::fs::write(
        &page,
        "Заседание Совета в Минске\n21.06.2023\n21 июня в Минске прошло заседание.\n",
    )
    .expect("write");
    let out =
        run(&["import".as_ref(), "pages".as_ref(), page.as_os_str(), "-o".as_ref(), "-".as_ref()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let bundle: serde_json::Value = serde_json::from_slice(&out.stdout).expect("bundle on stdout");
    let a = &bundle["articles"][0];
    // Cyrillic text → Russian; no URL → id from the transliterated headline.
    assert_eq!(a["lang"], "ru");
    assert_eq!(a["id"], "ru-zasedanie-soveta-v-minske");
    assert_eq!(a["date"], "2023-06-21");
    let bad = run(&[
        "import".as_ref(),
        "pages".as_ref(),
        page.as_os_str(),
        "--generated-at".as_ref(),
        "yesterday".as_ref(),
        "-o".as_ref(),
        "-".as_ref(),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--generated-at"));
}

#[test]
fn check_stops_quietly_when_the_reader_of_its_output_has_gone() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    // 20,000 articles with the same id: 19,999 error lines, far more than a pipe buffers.
    let articles: Vec<String> = (0..20_000)
        .map(|_| {
            r#"{"id":"same","lang":"en","title":"T","lead":"L","date":"2024-01-01"}"#.to_owned()
        })
        .collect();
    let text = format!(
        r#"{{"format":"archive-browser-bundle","version":1,"archive":{{"id":"t","title":{{"en":"T"}},"languages":["en"],"default_language":"en"}},"articles":[{}]}}"#,
        articles.join(",")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dups.json");
    std::fs::write(&path, text).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_archive-bundle"))
        .args(["check".as_ref(), path.as_os_str()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run archive-bundle");
    // As `| head -1`: one line read, then the pipe closed.
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.starts_with("error: articles[1] (id \"same\"), field `id`"), "{first}");
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(1), "the bundle's verdict, as if read whole: {stderr}");
}
