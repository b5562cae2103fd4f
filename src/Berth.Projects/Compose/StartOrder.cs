namespace Berth.Projects.Compose;

/// <summary>The order services start in: every service after the services it depends on.</summary>
public static class StartOrder
{
    /// <summary>
    /// Waves of services: each wave depends only on earlier waves, so a wave's services may start together.
    /// Within a wave, file order. The services must form no cycle (<see cref="FindCycle"/>).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<ComposeService>> Waves(IReadOnlyList<ComposeService> services)
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var waves = new List<IReadOnlyList<ComposeService>>();
        var left = services.ToList();
        while (left.Count > 0)
        {
            var wave = left.Where(s => s.DependsOn.All(d => placed.Contains(d.Service) || services.All(o => o.Name != d.Service))).ToList();
            if (wave.Count == 0)
            {
                throw new InvalidOperationException("the services' dependencies form a cycle");
            }

            waves.Add(wave);
            placed.UnionWith(wave.Select(s => s.Name));
            left.RemoveAll(wave.Contains);
        }

        return waves;
    }

    /// <summary>A dependency cycle as the names along it (the first repeated at the end), or null when there is none.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyList<ComposeService> services)
    {
        var byName = services.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();

        IReadOnlyList<string>? Visit(string name)
        {
            if (path.IndexOf(name) is var at and >= 0)
            {
                return [.. path.Skip(at), name];
            }

            if (!done.Add(name) || !byName.TryGetValue(name, out var service))
            {
                return null;
            }

            path.Add(name);
            foreach (var dependency in service.DependsOn)
            {
                if (Visit(dependency.Service) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }

        return services.Select(s => Visit(s.Name)).FirstOrDefault(c => c is not null);
    }
}
