namespace Berth.Dashboard.Api;

/// <summary>
/// Why a call did not succeed: the API's problem details (status, detail and per-field errors), or, when
/// <see cref="Unreachable"/>, that no answer came at all.
/// </summary>
public sealed record ApiProblem(int Status, string Message, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>True when the API did not answer (refused, timed out) or answered with a server error.</summary>
    public bool Unreachable => Status is 0 or >= 500;

    /// <summary>The first message for a field (as the API names it, e.g. <c>memoryMb</c>), or null.</summary>
    public string? For(string field) => Errors.TryGetValue(field, out var messages) && messages.Length > 0 ? messages[0] : null;

    /// <summary>
    /// The message that belongs to a field: the API's error for it, or its one-line reason when that starts with the
    /// field's name (as in <c>version must be an image tag …</c>).
    /// </summary>
    public string? About(string field) =>
        For(field) ?? (!Unreachable && Errors.Count == 0 && Message.StartsWith(field + " ", StringComparison.Ordinal) ? Message : null);

    /// <summary>A problem with no answer behind it.</summary>
    public static ApiProblem NoAnswer(string message) => new(0, message, new Dictionary<string, string[]>());
}
