namespace Berth.Dashboard.Api;

/// <summary>A call's outcome: its value, or the problem that prevented it.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null;
}
