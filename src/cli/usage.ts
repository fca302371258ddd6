/** The `rgo` help text: the CLI contract of DESIGN.md section 7. */
export const USAGE = `Revenue Gap Orchestrator (rgo): find, explain and rank revenue gaps.

Usage:
  rgo analyze <input.xlsx | csv-folder> [--rules <preset | file.json | results.xlsx>]
              [--out results.xlsx] [--json summary.json] [--customer <id>] [--top <n>]
              [--currency <ISO code>] [--map role.field=Header]... [--period week|month]
              [--week-start monday|sunday|saturday] [--as-of <YYYY-MM-DD>]
              [--previous <results.xlsx>] [--narrative | --narrative-dry-run]
              [--timings] [--quiet]
  rgo backtest <input.xlsx | csv-folder> --as-of <YYYY-MM-DD> [--horizon 13]
              [--rules <preset | file.json | results.xlsx>] [--json backtest.json]
              [--currency GBP]
  rgo rules list
  rgo rules show <preset>
  rgo rules validate <file.json>
  rgo rules schema [--out pack-schema.json]
  rgo sample [--customers N] [--weeks W] [--seed S] [--background-stockouts 0..0.6]
             [--stock-measure on_hand|stockout_days|in_stock_rate] [--dense]
             --out <sample.xlsx | folder>
  rgo --help | --version

analyze   reads customers, weekly sales (or invoice lines: revenue = quantity x unit price) and
          stock tables (sheets, Excel tables or CSV files, found by name and by header), evaluates
          the rule pack (default: "default"), prints the headline figures, and writes the result
          workbook (--out; RGO Summary is one page: verdict, top customers by revenue at
          risk, breakdowns, forecast, recommendations, glossary, with charts) and a JSON
          summary (--json).
          --customer analyses one customer; --top overrides the pack's top N.
          --currency GBP writes every money figure in that currency (no conversion); without it,
          the pack's parameters.currency, else the currency the input's number formats or money
          texts name ([$£-809], "€", "12.50 GBP"), else USD. Codes without a known symbol are
          written as a prefix ("CHF 1,234.00"). Two currencies in the money columns stop the run.
          --rules results.xlsx reruns the pack stored in that workbook's RGO Rules sheet (its
          hash must match). --map chooses a column by hand, e.g. --map weekly_sales.revenue=Takings
          (repeatable; role or table name, field key, header as written; empty for none).
          Deals (and reps) without weekly sales run the sales pipeline alone.
          Monthly data (dates all on the 1st, or months like 2024-03) is analysed in calendar
          months, in the pack's monthly windows (windows.months; default: the last quarter
          against the half-year before it) or its weeks converted to whole months;
          --period week|month overrides; --week-start monday|sunday|saturday sets the weekday
          weeks start on (default: the data's own weekday, Monday for daily dates).
          --as-of 2025-11-14 analyses the sales dated on or before that day only (default: the
          end of the last complete week in the data); RGO Summary and the JSON state it.
          The weekly loop: --out onto an existing results workbook carries its RGO History (one
          row per run, appended; a re-run of the same as-of date is marked) and RGO Actions into
          the new file, which replaces it atomically (a sheet you added to that file, one not
          named "RGO ...", stops the run: it would be lost); --previous <file.xlsx> reads them from
          another results workbook instead. With a previous run, RGO Summary gains "Since last
          run" (new / persisting / worsening / improving / closed customers, the biggest movers,
          the trend verdict), RGO Gaps and RGO Customers a "Since last run" column, the JSON a
          "trend" block. RGO Actions keeps what you typed (owner, status, action taken, next step
          date, notes, your own columns), adds new gaps and marks closed ones (docs/ACTIONS.md).
          --narrative (off by default) asks an OpenAI-compatible chat-completions endpoint to
          draft texts for the pack's top customers (narrative.topN, default 5): a rationale on
          RGO Gaps, a message draft on RGO Actions, a paragraph on RGO Summary, each marked
          "ai" or "rules" (the rule-based text, used whenever the model fails). The endpoint,
          model and key come from RGO_LLM_ENDPOINT, RGO_LLM_MODEL and RGO_LLM_API_KEY only.
          --narrative-dry-run prints the exact requests (without the key) and sends nothing.
          What is sent: README "The AI-written narrative", docs/NARRATIVE.md.
          --timings prints "timing<TAB>stage<TAB>ms" lines and peak memory to stderr.
backtest  runs the analysis on the sales dated on or before --as-of only and scores it against
          what happened in the --horizon weeks after: active and lost customers, precision,
          recall, lift, top-100 precision (RGO Gaps order), loss coverage, forecast vs realised
          spend and the share of active customers inside their 80% interval (--json writes them).
          Money is printed in the run's currency (--currency, the pack's or the input's; else USD).
rules     lists the built-in packs, prints one as JSON, validates a pack file (errors name the
          JSON location and line), or prints the JSON Schema of a rule pack (facts, operators,
          event types and parameters of this version) for editors (--out writes it to a file).
sample    writes a deterministic, realistic sample workbook (.xlsx) or CSV folder with planted,
          labelled scenarios and their truth (sheet "truth" / truth.csv: expected root cause, is_gap).

Exit codes: 0 success; 2 bad input or invalid rule pack (message on stderr); 1 internal error.
`;
