using System.CommandLine;
using System.Text.Json;
using Entangle.Cli.Commands;
using Entangle.Cli.Output;

namespace Entangle.Cli.Tests;

/// <summary>
/// The rough edges a new user met in the first hour (issue 16): mistyped commands, options and values, outputs in
/// the wrong place, help text, and what <c>show</c> prints. Each test failed before its fix.
/// </summary>
public class FirstHourTests
{
    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static void OneLineNoTrace(Cli.Result r)
    {
        Assert.Single(Lines(r.Stderr));
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.DoesNotContain("Unhandled exception", r.Stderr);
    }

    [Fact]
    public void Seed_that_is_not_a_number_is_one_line_and_exit_2()
    {
        var r = Cli.Run("run", Cli.Scenario, "--seed", "abc");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("entangle run: --seed 'abc' is not a whole number ≥ 0", r.Stderr.TrimEnd());
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void Misspelt_command_gets_a_suggestion_not_the_help()
    {
        var r = Cli.Run("rnu", Cli.Scenario);
        Assert.Equal(2, r.ExitCode);
        OneLineNoTrace(r);
        Assert.StartsWith("entangle: unknown command 'rnu' (did you mean 'run'?)", r.Stderr);
        Assert.DoesNotContain("Usage:", r.Stdout + r.Stderr);
    }

    [Theory]
    [InlineData("--rusn", "5")]   // unmatched option and its value
    [InlineData("--rusn", null)]  // taken by System.CommandLine as the SCENARIO argument
    public void Misspelt_option_gets_a_suggestion_not_the_help(string option, string? value)
    {
        var args = value is null ? new[] { "run", option } : new[] { "run", Cli.Scenario, option, value };
        var r = Cli.Run(args);
        Assert.Equal(2, r.ExitCode);
        OneLineNoTrace(r);
        Assert.StartsWith("entangle run: unknown option '--rusn' (did you mean '--runs'?)", r.Stderr);
        Assert.DoesNotContain("Usage:", r.Stdout + r.Stderr);
    }

    [Fact]
    public void Missing_required_option_is_named()
    {
        var r = Cli.Run("obligations", Cli.Scenario, "--attacker", "USA");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("entangle obligations query: --target is required (see entangle obligations query --help)", r.Stderr.TrimEnd());
    }

    [Fact]
    public void Out_pointing_at_a_file_is_refused_before_any_work()
    {
        var dir = Cli.TempDir();
        File.WriteAllText(Path.Combine(dir, "taken"), "mine");
        var run = Cli.RunIn(dir, "run", Cli.Scenario, "--runs", "20", "--out", "taken");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("--out taken: is a file, not a folder", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal("", run.Stdout); // no results: nothing was computed
        var report = Cli.RunIn(dir, "report", Cli.Scenario, "--runs", "20", "--out", "taken");
        Assert.Equal(2, report.ExitCode);
        Assert.StartsWith("--out taken: is a file, not a folder", report.Stderr);
        Assert.DoesNotContain("running the escalation Monte Carlo", report.Stderr); // refused before the computation
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "taken")));
    }

    [Fact]
    public void Out_where_no_folder_can_be_made_is_refused_before_any_work()
    {
        // /proc refuses new entries even to root, unlike a chmod-ed folder
        var r = Cli.Run("report", Cli.Scenario, "--runs", "20", "--out", "/proc/entangle-test/out");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--out /proc/entangle-test/out: cannot write in '/proc'", r.Stderr);
        Assert.DoesNotContain("running the escalation Monte Carlo", r.Stderr);
    }

    [Fact]
    public void Out_holding_files_of_the_user_is_refused_not_wiped()
    {
        var dir = Cli.TempDir();
        Directory.CreateDirectory(Path.Combine(dir, "notes"));
        File.WriteAllText(Path.Combine(dir, "notes", "mine.txt"), "keep");
        var r = Cli.RunIn(dir, "run", Cli.Scenario, "--runs", "20", "--out", "notes");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("--out notes: holds 'mine.txt', which Entangle did not write", r.Stderr);
        Assert.Equal(["mine.txt"], Directory.GetFileSystemEntries(Path.Combine(dir, "notes")).Select(Path.GetFileName));
    }

    [Fact]
    public void An_io_error_after_the_checks_is_one_line_and_exit_2()
    {
        // the chart path passes the cheap check (no file or folder in the way) but /proc refuses the write
        var r = Cli.Run("forecast", Cli.Scenario, "--issue", "unsc-sanctions-dprk", "--chart", "/proc/entangle-test/chart");
        Assert.Equal(2, r.ExitCode);
        OneLineNoTrace(r);
        Assert.StartsWith("error: ", r.Stderr);
    }

    [Fact]
    public void A_bug_is_one_line_exit_1_and_the_trace_only_with_ENTANGLE_DEBUG()
    {
        lock (ConsoleLock.Gate)
        {
            var saved = Console.Error;
            try
            {
                var plain = new StringWriter();
                Console.SetError(plain);
                Environment.SetEnvironmentVariable(CommandRunner.DebugVariable, null);
                Assert.Equal(1, CommandRunner.Run(() => throw new InvalidOperationException("boom")));
                Assert.Equal("internal error: InvalidOperationException: boom (a bug; run with ENTANGLE_DEBUG=1 for the stack trace)", plain.ToString().TrimEnd());

                var debug = new StringWriter();
                Console.SetError(debug);
                Environment.SetEnvironmentVariable(CommandRunner.DebugVariable, "1");
                Assert.Equal(1, CommandRunner.Run(() => throw new InvalidOperationException("boom")));
                Assert.Contains("   at ", debug.ToString());
            }
            finally
            {
                Environment.SetEnvironmentVariable(CommandRunner.DebugVariable, null);
                Console.SetError(saved);
            }
        }
    }

    [Fact]
    public void A_read_only_query_does_not_say_nothing_was_written()
    {
        var store = Path.Combine(Cli.TempDir(), "store");
        var r = Cli.Run("data", "atop", "--year", "2000", "--data-dir", store);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("the atop dataset has not been imported", r.Stderr);
        Assert.EndsWith("1 problem found.", r.Stderr.TrimEnd());
        Assert.DoesNotContain("nothing was written", r.Stderr);
    }

    [Fact]
    public void Cascade_help_shows_one_scenario_and_network_takes_it_as_an_option()
    {
        var cascade = Cli.Run("obligations", "cascade", "--help");
        Assert.Equal(0, cascade.ExitCode);
        Assert.Contains("entangle obligations cascade <SCENARIO> [options]", cascade.Stdout);
        Assert.DoesNotContain("obligations <SCENARIO> cascade", cascade.Stdout);
        var network = Cli.Run("obligations", "network", "--help");
        Assert.Contains("entangle obligations network [options]", network.Stdout);
        Assert.DoesNotContain("<SCENARIO>", network.Stdout);
        Assert.Contains("--scenario <scenario>", network.Stdout);
    }

    [Fact]
    public void No_option_states_its_default_twice()
    {
        var offenders = new List<string>();
        void Walk(Command c, string path)
        {
            foreach (var o in c.Options.Where(o => o.HasDefaultValue && o.Description is { } d && d.Contains("default", StringComparison.OrdinalIgnoreCase)))
                offenders.Add($"{path} {o.Name}: {o.Description}");
            foreach (var s in c.Subcommands) Walk(s, path + " " + s.Name);
        }
        foreach (var c in CommandCatalog.All()) Walk(c, c.Name);
        Assert.Empty(offenders);
        var help = Cli.Run("report", "--help").Stdout;
        Assert.Contains("[default: 4000]", help);
        Assert.DoesNotContain("(default 4000)", help);
    }

    [Fact]
    public void Report_out_defaults_like_run()
    {
        var dir = Cli.TempDir();
        var r = Cli.RunIn(dir, "report", Cli.Scenario, "--runs", "20", "--claim-runs", "20", "--screening-runs", "10", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var folder = Path.Combine(dir, "out", "russia-dprk-2024-report");
        Assert.True(File.Exists(Path.Combine(folder, "report.html")));
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(Path.Combine(folder, "report.html"), doc.RootElement.GetProperty("html").GetString()); // the final path, not the staging folder
    }

    [Fact]
    public void Show_prints_membership_end_dates_and_the_administered_by_scope()
    {
        var r = Cli.Run("show", Cli.Scenario);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var eu = Lines(r.Stdout).Single(l => l.StartsWith("eu ", StringComparison.Ordinal));
        // organizations.yaml: GBR from 1973-01-01 to 2020-01-31; the scenario is as of 2024-06-23
        Assert.EndsWith("; former: GBR (1973-01-01 to 2020-01-31)", eu.TrimEnd());
        Assert.Equal(1, eu.Split("GBR").Length - 1);
        // treaties.yaml: ANZUS, NZL from 1952-04-29 to 1986-08-11
        Assert.Contains("parties AUS (1952-04-29), USA (1952-04-29); former: NZL (1952-04-29 to 1986-08-11)", r.Stdout);
        // treaties.yaml: US–Japan Art. V, scope { administered_by: [JPN], description: … }
        Assert.Contains("scope territory under the administration of JPN (\"an armed attack against either Party", r.Stdout);
        Assert.DoesNotContain("scope  (", r.Stdout);
    }

    [Fact]
    public void Forecast_warns_of_the_sanctions_cycle_in_table_and_json()
    {
        var table = Cli.Run("forecast", Cli.Scenario, "--issue", "unsc-sanctions-dprk");
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("warning: no settlement: positions repeat every 2 rounds from round 1 (GBR 60 ↔ 73.399, FRA 60 ↔ 16.548)", table.Stdout);
        Assert.Contains("Forecast after round 10: median 60, mean 41.046 (one phase of a 2-round cycle", table.Stdout);
        Assert.Contains("Reading the forecast: the model has no veto.", table.Stdout);
        var json = Cli.Run("forecast", Cli.Scenario, "--issue", "unsc-sanctions-dprk", "--json");
        using var doc = JsonDocument.Parse(json.Stdout);
        var cycle = doc.RootElement.GetProperty("forecast").GetProperty("cycle");
        Assert.Equal(2, cycle.GetProperty("period").GetInt32());
        Assert.Equal(1, cycle.GetProperty("from_round").GetInt32());
        Assert.True(cycle.GetProperty("exact").GetBoolean());
        Assert.Equal(["GBR", "FRA"], cycle.GetProperty("actors").EnumerateArray().Select(a => a.GetString()));
    }
}

/// <summary>Serialises the tests that swap <see cref="Console.Error"/>.</summary>
internal static class ConsoleLock
{
    public static readonly object Gate = new();
}
