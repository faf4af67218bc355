using System.Globalization;
using Entangle.Domain;

namespace Entangle.Application.Scenarios;

/// <summary>
/// A small, commented, valid scenario to start from (<c>entangle new NAME</c>): two allies and a rival, one
/// defence treaty, a theater, an issue to forecast and an event. Every section says what it is for and where the
/// format is documented.
/// </summary>
public static class ScenarioTemplate
{
    private static readonly System.Text.RegularExpressions.Regex Slug = new("^[a-z0-9][a-z0-9._-]*$");

    /// <summary>
    /// Writes the template for scenario <paramref name="name"/> to <c>NAME.yaml</c> (or to <paramref name="name"/>
    /// itself when it ends in <c>.yaml</c>), never over an existing file. Returns the path written.
    /// </summary>
    public static string Write(string name, DateOnly asOf)
    {
        var path = name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            ? name : name + ".yaml";
        var id = Path.GetFileNameWithoutExtension(path);
        if (!Slug.IsMatch(id))
            throw new InputException($"scenario name '{id}' should be lower case letters, digits, '.', '_' and '-' (e.g. baltic-2025)");
        if (File.Exists(path) || Directory.Exists(path))
            throw new InputException(path, "already exists; not overwritten (choose another name, or delete it first)");
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(dir)) throw new InputException(path, $"the folder {dir} does not exist");
        try
        {
            using var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write); // CreateNew: never overwrites, even in a race
            using var w = new StreamWriter(f, new System.Text.UTF8Encoding(false));
            w.Write(Text(id, asOf));
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new InputException(path, $"already exists; not overwritten ({e.Message})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, $"could not be written: {e.Message}");
        }
        return path;
    }

    /// <summary>The template's text for scenario <paramref name="id"/> as of <paramref name="asOf"/>.</summary>
    public static string Text(string id, DateOnly asOf) => Template
        .Replace("{ID}", id, StringComparison.Ordinal)
        .Replace("{AS_OF}", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private const string Template = """
        # A new Entangle scenario. The format: docs/scenario-format.md. Check it as you edit:
        #   ./entangle validate {ID}.yaml
        # Then ask who must defend whom:
        #   ./entangle obligations {ID}.yaml --attacker CCC --target AAA
        # and forecast the issue:
        #   ./entangle forecast {ID}.yaml --issue access-to-the-strait
        # Every number needs 'source:' (a citation) or 'judgement:' (your reasoning, labelled as such).
        # The states below (AAA, BBB, CCC) are placeholders: use ISO 3166-1 alpha-3 codes (RUS, PRK, USA).
        scenario:
          id: {ID}
          title: "A new scenario (replace this title)"
          as_of: {AS_OF}            # the date the picture of the world refers to
          description: >-
            Two allies, AAA and BBB, and a rival, CCC, around a disputed strait. Replace with your case.

        # Split a large scenario into files with:  include: [{ID}/treaties.yaml]
        # (paths are relative to this file and must stay inside its folder).

        states:
          - id: AAA
            name: "State A"
            other_names: ["Republic of A"]  # used for "did you mean" suggestions
            figures:                        # names and units: docs/scenario-format.md, states
              - { name: milex_usd, value: 20.0e9, year: 2024, judgement: "Placeholder; cite SIPRI's Military Expenditure Database instead." }
          - id: BBB
            name: "State B"
            figures:
              - { name: milex_usd, value: 800.0e9, year: 2024, judgement: "Placeholder." }
          - id: CCC
            name: "State C"
            figures:
              - { name: milex_usd, value: 300.0e9, year: 2024, judgement: "Placeholder." }

        # Territories are the places that can be attacked; a state's home territory has the state's id.
        territories:
          - { id: AAA, name: "State A", administered_by: AAA, areas: [strait-region] }
          - { id: BBB, name: "State B", administered_by: BBB }
          - { id: CCC, name: "State C", administered_by: CCC, areas: [strait-region] }

        # Areas are the regions treaty clauses speak of.
        areas:
          - { id: strait-region, name: "the strait region" }

        treaties:
          - id: aaa-bbb-defence
            name: "Treaty of Mutual Defence between A and B"
            kind: alliance                  # alliance | partnership | technology | other
            parties: [AAA, BBB]
            signed: 2020-01-01
            in_force: 2020-06-01            # without it the treaty is never in force (validate warns)
            source: "Placeholder: cite the treaty text, e.g. a UN Treaty Series URL."
            clauses:
              - article: "5"
                kind: defense               # defense | offense | neutrality | non-aggression | consultation | cooperation
                text: "An armed attack against either Party shall be considered an attack against both."
                source: "Placeholder: the official text of the article."
                trigger: { event: armed-attack, by: any }
                scope: { anywhere: true }
                strength: automatic         # automatic | conditional | consultation-only
                credibility: { value: 0.7, judgement: "Placeholder: how likely the ally is to honour it, and why." }

        # Theaters are where crises unfold; stakes lie in 0..1.
        theaters:
          - id: strait
            name: "The strait"
            territories: [AAA, CCC]
            areas: [strait-region]
            stakeholders:                   # role: belligerent | supporter | guarantor | bystander | stakeholder
              - { state: AAA, role: belligerent, stake: { value: 1.0, judgement: "Its own territory." } }
              - { state: CCC, role: belligerent, stake: { value: 0.8, judgement: "Placeholder." } }
              - { state: BBB, role: guarantor, stake: { value: 0.6, judgement: "Treaty ally of A." } }

        # Issues are questions for the bargaining forecast: positions 0..100, salience 0..1, capability >= 0.
        issues:
          - id: access-to-the-strait
            title: "Access to the strait"
            low: "closed to all shipping"   # what position 0 means
            high: "open to all shipping"    # what position 100 means
            stakeholders:
              - actor: AAA
                position: { value: 90, judgement: "Placeholder." }
                capability: { value: 0.2, judgement: "Placeholder." }
                salience: { value: 0.9, judgement: "Placeholder." }
              - actor: BBB
                position: { value: 80, judgement: "Placeholder." }
                capability: { value: 0.6, judgement: "Placeholder." }
                salience: { value: 0.5, judgement: "Placeholder." }
              - actor: CCC
                position: { value: 10, judgement: "Placeholder." }
                capability: { value: 0.4, judgement: "Placeholder." }
                salience: { value: 0.8, judgement: "Placeholder." }

        # Events: dated facts, scheduled events and shocks (a probability per step).
        events:
          - id: naval-incident
            kind: shock                     # fact | scheduled | shock
            title: "A naval incident in the strait"
            theater: strait
            probability: { value: 0.02, judgement: "Placeholder: chance per month." }
            effects: [{ target: strait, parameter: tension, value: 1 }]
            judgement: "Placeholder."

        # The escalation Monte Carlo (`entangle run`) also needs an 'escalation:' section: docs/escalation.md.
        """;
}
