namespace Berth.Client;

/// <summary>A decoded API answer together with the JSON it came from, which <c>--json</c> prints as is.</summary>
internal sealed record ApiResponse<T>(T Value, string Json);
