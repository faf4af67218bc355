using System.Text.Json;
using Entangle.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Entangle.Server.Api;

/// <summary>One located problem in a problem-details body.</summary>
public sealed record ProblemError(string? File, int? Line, int? Column, string Message);

/// <summary>An RFC 9457 problem-details body, with the located diagnostics of bad input in <c>errors</c>.</summary>
public sealed record Problem(string Type, string Title, int Status, string Detail, IReadOnlyList<ProblemError>? Errors = null, long? Total = null);

/// <summary>Builds problem-details responses (<c>application/problem+json</c>).</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    private static readonly JsonSerializerOptions Options = new(Application.Output.Json.Options) { WriteIndented = false };

    public static IResult Of(int status, string title, string detail, IReadOnlyList<Diagnostic>? diagnostics = null, long? total = null) =>
        Results.Text(JsonSerializer.Serialize(new Problem($"https://entangle.invalid/problems/{Slug(title)}", title, status, detail,
            diagnostics?.Select(d => new ProblemError(d.File, d.Line, d.Column, d.Message)).ToList(), total), Options), ContentType, statusCode: status);

    /// <summary>What the loader's fixed limits are and that they cannot be raised, for a 413 or 422 answer.</summary>
    public const string FixedLimits =
        "the scenario loader's limits are fixed in this version (ScenarioLimits, docs/scenario-format.md, Limits: 16 MiB a file, 64 MiB a scenario, " +
        "1,000 files a bundle, 100,000 characters a text, includes 32 and nesting 64 deep, aliases standing for 100,000 values); no server option raises them, " +
        "and the CLI refuses the same scenario";

    /// <summary>
    /// Bad input (a scenario, a request body), with every diagnostic, located where it can be. The status says why:
    /// 413 when the input breaks a size limit (RFC 9110 §15.5.14: content larger than the server is willing to
    /// process), 422 when it breaks a structural limit such as the include depth (§15.5.21: the content is
    /// well-formed but the server will not process what it asks for), else 400.
    /// </summary>
    public static IResult BadInput(InputException e)
    {
        var size = e.Diagnostics.FirstOrDefault(d => d.Limit == InputLimit.Size);
        var structure = e.Diagnostics.FirstOrDefault(d => d.Limit == InputLimit.Structure);
        var detail = e.Diagnostics.Count == 1 ? e.Diagnostics[0].ToString() : $"{e.Total} problems found";
        if (size is not null) return Of(413, "Content too large", $"{size}; {FixedLimits}", e.Diagnostics, e.Total);
        if (structure is not null) return Of(422, "Limit exceeded", $"{structure}; {FixedLimits}", e.Diagnostics, e.Total);
        return Of(400, "Bad input", detail, e.Diagnostics, e.Total);
    }

    /// <summary>The detail of a 413 for a request body over <c>--max-body</c>.</summary>
    public static string BodyTooLarge(long? length, long max) =>
        (length is { } n ? $"the request body has {n:N0} bytes" : "the request body is larger than this server accepts") +
        $"; this server accepts at most {max:N0} bytes (raise it with `entangle serve --max-body BYTES`)";

    public static IResult NotFound(string what) => Of(404, "Not found", what);

    public static async Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Problem($"https://entangle.invalid/problems/{Slug(title)}", title, status, detail), Options));
    }

    private static string Slug(string title) => title.ToLowerInvariant().Replace(' ', '-');
}

/// <summary>Documents an endpoint's error answers in the OpenAPI document as the <see cref="Problem"/> body it really sends.</summary>
public static class ProblemDocs
{
    public static RouteHandlerBuilder Fails(this RouteHandlerBuilder b, params int[] statuses)
    {
        foreach (var status in statuses) b.Produces<Problem>(status, Problems.ContentType);
        return b;
    }
}
