using System.CommandLine;
using System.Globalization;
using Entangle.Application.Data;
using Entangle.Application.Output;
using Entangle.Cli.Output;
using Entangle.Domain;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle data icb</c> and <c>entangle data mid</c>: looking at the imported crisis and dispute data.</summary>
internal static class ConflictCommands
{
    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string I(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Share(double? v) => v is { } d ? d.ToString("P1", CultureInfo.InvariantCulture) : "n/a";

    private static string Days(double? v) => v is { } d ? d.ToString("0.#", CultureInfo.InvariantCulture) : "n/a";

    /// <summary><c>data icb --crisis N</c> | <c>data icb --from Y --to Y</c>.</summary>
    public static Command Icb()
    {
        var dataDir = DataCommands.DataDirOption();
        var json = DataCommands.JsonOption();
        var crisis = new Option<int?>("--crisis") { Description = "One crisis (ICB crisno, e.g. 196 = Cuban missiles): its actors, outcomes and dyads, each with its source line" };
        var from = new Option<int?>("--from") { Description = "Base rates of the crises triggered from this year (with --to)" };
        var to = new Option<int?>("--to") { Description = "... to this year, inclusive" };
        var cmd = new Command("icb",
            "Query the imported ICB data: one crisis with its actors and dyads, or the base rates (war share, violence share, median duration) over trigger years")
        {
            crisis, from, to, dataDir, json,
        };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            using var data = DataService.Open(DataService.ResolveDataDir(r.GetValue(dataDir)));
            var asJson = r.GetValue(json);
            if (r.GetValue(crisis) is { } n)
            {
                var v = ConflictQueries.Crisis(data, n);
                if (asJson) { Console.Out.WriteLine(Json.Serialize(v)); return CommandRunner.Ok; }
                Terminal.Line($"ICB crisis {v.Crisno}: {v.Name} ({v.Dataset}), {v.Trigger} to {v.Termination ?? "?"}, " +
                              $"{(v.DurationDays is { } d ? $"{d} days" : "duration not coded")}; violence {v.Violence} ({v.ViolenceName}) ({v.Source})");
                Terminal.Table(["cracno", "ccode", "actor", "trigger", "termination", "days", "majres", "viol", "outcome", "nuclear", "source"],
                    v.Actors.Select(a => (IReadOnlyList<string>)[I(a.Cracno), I(a.Ccode), a.Actor, a.Trigger, a.Termination ?? "", I(a.DurationDays),
                        I(a.MajorResponse), $"{a.Violence} {a.ViolenceName}", a.Outcome is null ? "" : $"{a.Outcome} {a.OutcomeName}", I(a.Nuclear), a.Source]),
                    "Actors");
                if (v.Dyads.Count > 0)
                    Terminal.Table(["crdynum", "A", "B", "trigger", "termination", "years", "source"],
                        v.Dyads.Select(d => (IReadOnlyList<string>)[I(d.CrisisDyad), $"{d.NameA} {d.StateA}", $"{d.NameB} {d.StateB}", d.Trigger, d.Termination,
                            string.Join(" ", d.Years), d.Sources[0]]),
                        "Dyads");
                return CommandRunner.Ok;
            }
            if (r.GetValue(from) is not { } y0 || r.GetValue(to) is not { } y1)
                throw new InputException("give --crisis N, or --from Y --to Y for base rates");
            var b = ConflictQueries.BaseRates(data, y0, y1);
            if (asJson) { Console.Out.WriteLine(Json.Serialize(b)); return CommandRunner.Ok; }
            Terminal.Line($"{b.Dataset}, crises triggered {b.FromYear}-{b.ToYear}: {b.Crises}");
            Terminal.Table(["measure", "value", "of"],
            [
                ["full-scale war (viol = 4)", Share(b.FullScaleWarShare), $"{b.FullScaleWar} of {b.Crises}"],
                ["serious clashes or war (viol >= 3)", Share(b.SeriousClashesOrWarShare), $"{b.SeriousClashesOrWar} of {b.Crises}"],
                ["median duration, days (brexit)", Days(b.MedianDurationDays), $"{b.DurationsCounted} crises"],
                ["median actor duration, days (trgterra)", Days(b.MedianActorDurationDays), $"{b.ActorDurationsCounted} actors"],
            ]);
            Terminal.Line($"Definition: {b.Definition}");
            return CommandRunner.Ok;
        }));
        return cmd;
    }

    /// <summary><c>data mid --dispute N</c> | <c>data mid --dyad A,B</c>, COW-MID or (<c>--gml</c>) GML.</summary>
    public static Command Mid()
    {
        var dataDir = DataCommands.DataDirOption();
        var json = DataCommands.JsonOption();
        var dispute = new Option<int?>("--dispute") { Description = "One dispute (dispnum): its level, outcome, sides and dyad-years, each with its source line" };
        var dyad = new Option<string?>("--dyad") { Description = "Two states, COW codes or abbreviations (e.g. 731,732 or PRK,ROK): every dispute between them" };
        var from = new Option<int?>("--from") { Description = "With --dyad: only dispute-years from this year" };
        var to = new Option<int?>("--to") { Description = "With --dyad: only dispute-years to this year, inclusive" };
        var gml = new Option<bool>("--gml") { Description = "Use the Gibler-Miller-Little coding (kind gml) instead of COW-MID (kind mid)" };
        var cmd = new Command("mid",
            "Query the imported Militarized Interstate Dispute data (COW-MID, or GML with --gml): one dispute, or the disputes of a dyad")
        {
            dispute, dyad, from, to, gml, dataDir, json,
        };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            using var data = DataService.Open(DataService.ResolveDataDir(r.GetValue(dataDir)));
            var asJson = r.GetValue(json);
            if (r.GetValue(dispute) is { } n)
            {
                var v = ConflictQueries.Dispute(data, n, r.GetValue(gml));
                if (asJson) { Console.Out.WriteLine(Json.Serialize(v)); return CommandRunner.Ok; }
                Terminal.Line($"{v.Dataset} dispute {v.Dispnum}: {v.StartYear}{(v.EndYear is { } e ? $" to {e}" : "")}, hostility level {v.HostilityLevel}, " +
                              $"highest action {v.HighestAction}, fatality {I(v.Fatality)}, outcome {I(v.Outcome)}, settlement {I(v.Settlement)} ({v.Source})");
                Terminal.Line($"Side A: {string.Join(" ", v.SideA)}; side B: {string.Join(" ", v.SideB)}");
                Terminal.Table(["year", "A", "B", "hostlev A", "hostlev B", "hihost", "source"],
                    v.DyadYears.Select(d => (IReadOnlyList<string>)[I(d.Year), I(d.Ccode1), I(d.Ccode2), I(d.Hostlev1), I(d.Hostlev2), I(d.Hihost), d.Source]));
                return CommandRunner.Ok;
            }
            if (r.GetValue(dyad) is not { } text) throw new InputException("give --dispute N or --dyad A,B");
            var parts = text.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts.Any(p => p.Length == 0))
                throw new InputException($"--dyad takes two states separated by a comma (e.g. 731,732 or PRK,ROK), not '{text}'");
            var y = ConflictQueries.Dyad(data, parts[0], parts[1], r.GetValue(from), r.GetValue(to), r.GetValue(gml));
            if (asJson) { Console.Out.WriteLine(Json.Serialize(y)); return CommandRunner.Ok; }
            Terminal.Line($"{y.Dataset}, {y.A}-{y.B}{(y.FromYear is null && y.ToYear is null ? "" : $", {I(y.FromYear)}-{I(y.ToYear)}")}: {y.Disputes} disputes, " +
                          $"{y.UseOfForce} with use of force, {y.MutualForce} with mutual use of force, {y.MutualWar} with mutual war; {y.DyadYears} dyad-years with a dispute");
            Terminal.Table(["dispnum", "years", "hostlev A", "hostlev B", "dispute hostlev"],
                y.DisputeList.Select(d => (IReadOnlyList<string>)[I(d.Dispnum), string.Join(" ", d.Years), I(d.HostlevA), I(d.HostlevB), I(d.DisputeHostilityLevel)]));
            Terminal.Line($"Definition: {y.Definition}");
            return CommandRunner.Ok;
        }));
        return cmd;
    }
}
