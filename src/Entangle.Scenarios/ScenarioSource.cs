using System.Text;
using Entangle.Domain;

namespace Entangle.Scenarios;

/// <summary>
/// Where a scenario comes from, so that every front end hands the same services the same thing: a file on disk
/// (includes under its folder), a text or a stream (one file, no includes), or an in-memory bundle (includes only
/// inside the bundle; what the server uses for uploads).
/// </summary>
public abstract record ScenarioSource
{
    /// <summary>The name diagnostics and replay commands use for the root file.</summary>
    public abstract string Name { get; }

    /// <summary>Loads and validates; throws <see cref="InputException"/> listing every problem found.</summary>
    public abstract Scenario Load();

    /// <summary>The file on disk this source reads, or null (a text, a bundle, a loaded scenario).</summary>
    public virtual string? FilePath => null;

    /// <summary>The in-memory files this source reads, or null (a file on disk, a loaded scenario).</summary>
    public virtual ScenarioBundle? Files => null;

    /// <summary>A scenario file on disk.</summary>
    public static ScenarioSource File(string path) => new FileSource(path);

    /// <summary>One scenario file's text; an include in it cannot resolve.</summary>
    public static ScenarioSource Text(string name, string text) => new BundleSource(ScenarioBundle.Single(name, text));

    /// <summary>One scenario file read from a stream (at most <see cref="ScenarioLimits.MaxFileBytes"/> bytes).</summary>
    public static ScenarioSource Stream(string name, Stream stream)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > ScenarioLimits.MaxFileBytes)
                throw new InputException(name, $"is larger than {ScenarioLimits.MaxFileBytes:N0} bytes (16 MiB), the most a scenario file may have");
        }
        return new BundleSource(new ScenarioBundle(name, new Dictionary<string, byte[]> { [name] = buffer.ToArray() }));
    }

    /// <summary>A scenario already loaded (e.g. kept by the server after its first load); <see cref="Load"/> returns it.</summary>
    public static ScenarioSource Loaded(string name, Scenario scenario) => new LoadedSource(name, scenario);

    /// <summary>
    /// A scenario already loaded from <paramref name="bundle"/>: <see cref="Load"/> returns it, and <see cref="Files"/>
    /// keeps the bundle, so that work sent to other machines (a cluster's silos) can carry the files.
    /// </summary>
    public static ScenarioSource Loaded(ScenarioBundle bundle, Scenario scenario) => new LoadedBundleSource(bundle, scenario);

    /// <summary>An in-memory bundle of files.</summary>
    public static ScenarioSource Bundle(ScenarioBundle bundle) => new BundleSource(bundle);

    private sealed record FileSource(string Path) : ScenarioSource
    {
        public override string Name => Path;
        public override string? FilePath => Path;
        public override Scenario Load() => ScenarioLoader.Load(Path);
    }

    private sealed record LoadedSource(string Root, Scenario Scenario) : ScenarioSource
    {
        public override string Name => Root;
        public override Scenario Load() => Scenario;
    }

    private sealed record LoadedBundleSource(ScenarioBundle Contents, Scenario Scenario) : ScenarioSource
    {
        public override string Name => Contents.Root;
        public override ScenarioBundle? Files => Contents;
        public override Scenario Load() => Scenario;
    }

    private sealed record BundleSource(ScenarioBundle Contents) : ScenarioSource
    {
        public override string Name => Contents.Root;
        public override ScenarioBundle? Files => Contents;
        public override Scenario Load() => ScenarioLoader.Load(Contents);
    }
}
