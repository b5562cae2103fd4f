using System.Reflection;

namespace Berth.Architecture.Tests;

/// <summary>
/// Who may use whom (architecture.md), read from the compiled assemblies: a reference the compiler kept is a use, so a
/// project reference nobody calls does not count, and a call that sneaks in does.
/// </summary>
public sealed class DependencyTests
{
    public static TheoryData<string, string[]> Forbidden => new()
    {
        { "Berth.Core", ["*"] },
        { "Berth.Contracts", ["*"] },
        { "Berth.Gateway", ["Berth.State", "Berth.ControlPlane", "Berth.Runtime.Docker", "Berth.Dashboard", "Berth.Hosting"] },
        { "Berth.Discovery", ["Berth.State", "Berth.ControlPlane", "Berth.Gateway"] },
        { "Berth.ControlPlane", ["Berth.Gateway", "Berth.Dashboard", "Berth.Hosting"] },
        { "Berth.Dashboard", ["Berth.Core", "Berth.ControlPlane", "Berth.State", "Berth.Gateway", "Berth.Hosting"] },
        { "Berth.State", ["Berth.ControlPlane", "Berth.Gateway", "Berth.Discovery", "Berth.Runtime.Docker", "Berth.Scheduling"] },
        { "Berth.Runtime.Docker", ["Berth.State", "Berth.ControlPlane", "Berth.Gateway", "Berth.Discovery", "Berth.Scheduling"] },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void References_Assembly_AvoidsWhatItMayNotUse(string assembly, string[] forbidden)
    {
        var used = BerthReferencesOf(assembly);

        var wrong = forbidden is ["*"] ? used : used.Where(forbidden.Contains).ToList();
        Assert.True(wrong.Count == 0, $"{assembly} uses {string.Join(", ", wrong)}, which architecture.md does not allow it");
    }

    [Fact]
    public void References_Scheduling_UsesOnlyCore()
    {
        Assert.Equal(["Berth.Core"], BerthReferencesOf("Berth.Scheduling"));
    }

    private static List<string> BerthReferencesOf(string assembly) =>
    [
        .. Assembly.Load(new AssemblyName(assembly)).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith("Berth.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
    ];
}
