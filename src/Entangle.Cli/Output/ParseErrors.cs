using System.CommandLine;
using System.CommandLine.Parsing;
using Entangle.Domain;

namespace Entangle.Cli.Output;

/// <summary>
/// Turns System.CommandLine's parse errors into one line each, with a suggestion where one helps, instead of the
/// whole help text: <c>entangle: unknown command 'rnu' (did you mean 'run'?)</c>, exit code 2.
/// </summary>
public static class ParseErrors
{
    /// <summary>The messages for <paramref name="r"/>: empty when the command line is fine.</summary>
    public static IReadOnlyList<string> Describe(ParseResult r)
    {
        var command = r.CommandResult.Command;
        var where = Path(r.CommandResult);
        var lines = new List<string>();

        // A misspelt option in the place of a positional argument is taken as its value: `entangle run --rusn`.
        var optionLike = ArgumentTokens(r.CommandResult).Where(LooksLikeOption).ToList();
        var unknown = r.UnmatchedTokens.Concat(optionLike).Distinct().ToList();
        // `run S --rusn 5`: the 5 is unmatched only because --rusn is unknown; name the option alone
        // and `rnu S`: S is unmatched only because rnu is unknown; name the first word alone
        unknown = unknown.Any(LooksLikeOption) ? unknown.Where(LooksLikeOption).ToList() : unknown.Take(1).ToList();
        foreach (var token in unknown)
            lines.Add(Unknown(where, command, token));
        if (lines.Count > 0) return lines; // the rest (a missing argument, say) follows from the unknown token

        foreach (var e in r.Errors)
        {
            var line = e.SymbolResult switch
            {
                ArgumentResult a when a.Parent is OptionResult o && a.Tokens.Count > 0 => NotA(where, o.Option.Name, a.Tokens[^1].Value, a.Argument.ValueType, e.Message),
                ArgumentResult a when a.Tokens.Count > 0 && a.Parent is CommandResult => NotA(where, a.Argument.Name, a.Tokens[^1].Value, a.Argument.ValueType, e.Message),
                ArgumentResult a when a.Tokens.Count == 0 && a.Parent is CommandResult => $"{where}: missing {a.Argument.Name} (see {where} --help)",
                OptionResult o when o.Tokens.Count > 0 => NotA(where, o.Option.Name, o.Tokens[^1].Value, o.Option.ValueType, e.Message),
                OptionResult o when o.IdentifierToken is null && o.Option.Required => $"{where}: {o.Option.Name} is required (see {where} --help)",
                OptionResult o when o.Tokens.Count == 0 && o.Option.Arity.MinimumNumberOfValues > 0 => $"{where}: {o.Option.Name} needs a value (see {where} --help)",
                CommandResult c when c.Command.Subcommands.Count > 0 && c.Command.Action is null =>
                    $"{where}: give a command: {string.Join(", ", c.Command.Subcommands.Where(s => !s.Hidden).Select(s => s.Name))} (see {where} --help)",
                _ => $"{where}: {Flat(e.Message)}",
            };
            if (!lines.Contains(line)) lines.Add(line);
        }
        return lines;
    }

    private static string Unknown(string where, Command command, string token)
    {
        if (LooksLikeOption(token))
        {
            var options = Options(command).SelectMany(o => new[] { o.Name }.Concat(o.Aliases)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
            return $"{where}: unknown option '{token}'{Suggest.DidYouMean(token, options)} (see {where} --help)";
        }
        var commands = command.Subcommands.Where(s => !s.Hidden).Select(s => s.Name).ToList();
        if (commands.Count > 0)
            return $"{where}: unknown command '{token}'{Suggest.DidYouMean(token, commands)}; commands: {string.Join(", ", commands)}";
        return $"{where}: unexpected argument '{token}' (see {where} --help)";
    }

    /// <summary>"--seed 'abc' is not a whole number" in place of "as expected type 'System.UInt64'".</summary>
    private static string NotA(string where, string name, string value, Type type, string message)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var expected = t == typeof(ulong) ? "a whole number ≥ 0"
            : t == typeof(int) || t == typeof(long) ? "a whole number"
            : t == typeof(double) ? "a number"
            : t == typeof(bool) ? "true or false"
            : null;
        return expected is null ? $"{where}: {Flat(message)}" : $"{where}: {name} '{value}' is not {expected}";
    }

    private static IEnumerable<Option> Options(Command command)
    {
        return command.Options.Concat(command.Parents.OfType<Command>().SelectMany(p => p.Options.Where(o => o.Recursive)));
    }

    private static IEnumerable<string> ArgumentTokens(CommandResult c) =>
        c.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value);

    private static bool LooksLikeOption(string token) => token.Length > 1 && token[0] == '-' && !double.TryParse(token, out _);

    private static string Path(CommandResult c)
    {
        var names = new List<string>();
        for (SymbolResult? s = c; s is CommandResult cr; s = cr.Parent) names.Add(cr.Parent is null ? "entangle" : cr.Command.Name);
        names.Reverse();
        return string.Join(" ", names);
    }

    private static string Flat(string message) => string.Join(" ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
