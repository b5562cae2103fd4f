using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Projects.Compose;

namespace Berth.Projects.Planning;

/// <summary>
/// Compares two revisions of a project service by service: a service is redeployed only when its definition
/// changed. Definitions are compared key by key on their JSON form, so dictionaries and lists compare by content.
/// </summary>
public static class ProjectDiff
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every service of either revision: the next revision's in file order, then the removed ones.</summary>
    public static IReadOnlyList<ServiceChange> Between(ComposeProject? running, ComposeProject next)
    {
        var before = running?.Services.ToDictionary(s => s.Name, StringComparer.Ordinal) ?? [];
        var changes = new List<ServiceChange>();
        foreach (var service in next.Services)
        {
            if (!before.TryGetValue(service.Name, out var old))
            {
                changes.Add(new ServiceChange(service.Name, ChangeKind.Added, []));
                continue;
            }

            var keys = ChangedKeys(old, service);
            changes.Add(new ServiceChange(service.Name, keys.Count == 0 ? ChangeKind.Unchanged : ChangeKind.Changed, keys));
        }

        var names = next.Services.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(before.Keys.Where(n => !names.Contains(n)).Select(n => new ServiceChange(n, ChangeKind.Removed, [])));
        return changes;
    }

    private static List<string> ChangedKeys(ComposeService before, ComposeService after)
    {
        var a = JsonSerializer.SerializeToNode(before, Json)!.AsObject();
        var b = JsonSerializer.SerializeToNode(after, Json)!.AsObject();
        return [.. a.Select(p => p.Key).Where(key => !JsonNode.DeepEquals(a[key], b[key]))];
    }
}
