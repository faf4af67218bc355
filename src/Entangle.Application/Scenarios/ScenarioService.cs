using Entangle.Domain;
using Entangle.Scenarios;

namespace Entangle.Application.Scenarios;

/// <summary>Use cases on scenario files: load, validate, describe.</summary>
public static class ScenarioService
{
    /// <summary>Loads a scenario; throws <see cref="InputException"/> with every problem found.</summary>
    public static Scenario Load(string path) => ScenarioLoader.Load(path);
}
