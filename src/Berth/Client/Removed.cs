using System.Text.Json.Nodes;

namespace Berth.Client;

/// <summary>
/// What a command prints with <c>--json</c> when the API answers 204 No Content (a removal, a policy cleared): what is gone
/// and the names that identified it, such as <c>{"removed":"config key","app":"web","key":"COLOUR"}</c>, so a script can
/// read every command's outcome as JSON.
/// </summary>
internal static class Removed
{
    /// <summary>Waits for <paramref name="removal"/> (an API call answered with 204), then answers as <see cref="Answer"/>.</summary>
    public static async Task<ApiResponse<JsonObject>> AfterAsync(Task removal, string what, params (string Name, JsonNode? Value)[] names)
    {
        await removal;
        return Answer(what, names);
    }

    /// <summary>The answer for <paramref name="what"/>, identified by <paramref name="names"/> in their order.</summary>
    public static ApiResponse<JsonObject> Answer(string what, params (string Name, JsonNode? Value)[] names)
    {
        var answer = new JsonObject { ["removed"] = what };
        foreach (var (name, value) in names)
        {
            answer[name] = value;
        }

        return new ApiResponse<JsonObject>(answer, answer.ToJsonString());
    }
}
