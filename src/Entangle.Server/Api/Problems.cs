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

    /// <summary>Bad input (a scenario, a request body): 400 with every diagnostic, located where it can be.</summary>
    public static IResult BadInput(InputException e) =>
        Of(400, "Bad input", e.Diagnostics.Count == 1 ? e.Diagnostics[0].ToString() : $"{e.Total} problems found", e.Diagnostics, e.Total);

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
