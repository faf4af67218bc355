using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Entangle.Application.Data;

namespace Entangle.Bench;

/// <summary>
/// Reference-data import speed: a synthetic dyadic-trade CSV (100,000 rows, peacesciencer layout, generated here,
/// not taken from any dataset) and, when ../shared/data/atop is present, the ATOP 5.1 files; plus the ATOP query
/// the obligations engine uses most (<c>DefensePartners(2018)</c>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class DataImportBenchmarks
{
    private string _root = "";
    private string _trade = "";
    private string? _atop;
    private string _atopStore = "";

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "entangle-bench-data-" + Environment.ProcessId);
        Directory.CreateDirectory(_root);
        _trade = Path.Combine(_root, "cow_trade_ndy_synthetic.csv");
        var sb = new StringBuilder("\"ccode1\",\"ccode2\",\"year\",\"flow1\",\"flow2\",\"smoothflow1\",\"smoothflow2\"\n");
        var n = 0;
        for (var a = 2; a < 1000 && n < 100_000; a += 7)
            for (var b = a + 3; b < 1000 && n < 100_000; b += 11)
                for (var y = 1990; y < 2000 && n < 100_000; y++, n++)
                    sb.Append(CultureInfo.InvariantCulture, $"{a},{b},{y},{(a * y) % 977 / 3.0},{(b * y) % 883 / 7.0},{a % 13},\n");
        File.WriteAllText(_trade, sb.ToString());

        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "shared", "data", "atop");
            if (Directory.Exists(candidate)) { _atop = candidate; break; }
        }
        _atopStore = Path.Combine(_root, "atop-store");
        if (_atop is not null) DataService.Import("atop", _atop, _atopStore);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    /// <summary>Import 100,000 synthetic dyad-years (replacing the previous import each time).</summary>
    [Benchmark]
    public long ImportTrade100k() => DataService.Import("cow-trade", _trade, Path.Combine(_root, "trade-store"), "4.0").Imported.Rows;

    /// <summary>Import ATOP 5.1 (789 + 2,510 rows); 0 when the shared data are absent.</summary>
    [Benchmark]
    public long ImportAtop() => _atop is null ? 0 : DataService.Import("atop", _atop, Path.Combine(_root, "atop-import")).Imported.Rows;

    /// <summary>Open the store, load ATOP and compute the 2018 defense partners.</summary>
    [Benchmark]
    public int DefensePartners2018()
    {
        if (_atop is null) return 0;
        using var data = DataService.Open(_atopStore);
        return data.Atop.DefensePartners(2018).Count;
    }
}
