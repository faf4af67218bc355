using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Entangle.Application.Ingest;
using Entangle.Ingest;

namespace Entangle.Bench;

/// <summary>The 1,000-word article the ingest benchmarks read: the seed article's first 1,000 words.</summary>
internal static class IngestInput
{
    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Entangle.slnx"))) return d.FullName;
        return Directory.GetCurrentDirectory();
    }

    /// <summary>Path of the seed article (../shared/seed), or null when absent.</summary>
    public static string? SeedPath()
    {
        for (var d = new DirectoryInfo(RepoRoot()).Parent; d is not null; d = d.Parent)
        {
            var p = Path.Combine(d.FullName, "shared", "seed", "article-2024-06-23-nl.txt");
            if (File.Exists(p)) return p;
        }
        return null;
    }

    /// <summary>The first 1,000 words of the seed article, paragraphs kept.</summary>
    public static string Article1000()
    {
        var path = SeedPath() ?? throw new InvalidOperationException("../shared/seed/article-2024-06-23-nl.txt not found; the ingest benchmark reads it");
        var text = File.ReadAllText(path);
        var words = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]) && (i == 0 || char.IsWhiteSpace(text[i - 1]))) words++;
            if (words > 1000) return text[..i];
        }
        return text;
    }
}

/// <summary>
/// Ingest of a 1,000-word Dutch article (target: under 1 s), against a floor measured in the same run: tokenising the
/// same text, the least any reader must do.
/// </summary>
[MemoryDiagnoser]
public class IngestBenchmarks
{
    private string _text = "";
    private Extractor _extractor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _text = IngestInput.Article1000();
        _extractor = new Extractor();
        _extractor.Extract(_text);
    }

    [Benchmark(Baseline = true)]
    public int Floor_Tokenise() => Tokens.Of(_text).Count;

    [Benchmark]
    public int Extract() => _extractor.Extract(_text, new ExtractOptions(Language.Nl, new DateOnly(2024, 6, 23))).Actors.Count;
}

/// <summary>
/// <c>dotnet run -c Release --project bench/Entangle.Bench -- ingest-speed</c>: medians of 31 runs each, in one process,
/// for the floor (tokenising), the extraction, and the whole service (read the file, extract, fact-check against the
/// bundled scenario); quicker than BenchmarkDotNet on a shared machine.
/// </summary>
public static class IngestSpeed
{
    public static void Run()
    {
        var text = IngestInput.Article1000();
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var file = Path.Combine(Path.GetTempPath(), $"entangle-ingest-bench-{Environment.ProcessId}.txt");
        File.WriteAllText(file, text);
        try
        {
            var coldWatch = Stopwatch.StartNew();
            var extractor = new Extractor();
            extractor.Extract(text);
            var cold = coldWatch.Elapsed.TotalMilliseconds;
            var scenario = Path.Combine(IngestInput.RepoRoot(), "scenarios", "russia-dprk-2024.yaml");
            var noData = Directory.CreateTempSubdirectory("entangle-ingest-bench-").FullName;
            double Median(Action a)
            {
                a();
                var times = new List<double>();
                for (var i = 0; i < 31; i++)
                {
                    var w = Stopwatch.StartNew();
                    a();
                    times.Add(w.Elapsed.TotalMilliseconds);
                }
                times.Sort();
                return times[times.Count / 2];
            }
            var floor = Median(() => Tokens.Of(text));
            var extract = Median(() => extractor.Extract(text, new ExtractOptions(Language.Nl, new DateOnly(2024, 6, 23))));
            var service = Median(() => IngestService.Run(new IngestRequest(file, null, null, scenario, noData, new DateOnly(2026, 12, 1))));
            Directory.Delete(noData);
            Console.WriteLine($"ingest of a {words}-word Dutch article (seed article, first 1,000 words), medians of 31 runs:");
            Console.WriteLine($"  floor (tokenise only)            {floor,9:0.000} ms");
            Console.WriteLine($"  extract (engine)                 {extract,9:0.000} ms   ({extract / floor:0.0} x floor)");
            Console.WriteLine($"  service (read, extract, check)   {service,9:0.000} ms   (includes loading the bundled scenario)");
            Console.WriteLine($"  first extraction, cold (tables)  {cold,9:0.000} ms");
            Console.WriteLine($"  target: under 1,000 ms for the service: {(service < 1000 ? "met" : "NOT met")}");
        }
        finally { File.Delete(file); }
    }
}
