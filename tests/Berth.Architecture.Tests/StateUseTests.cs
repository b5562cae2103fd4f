using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Berth.Architecture.Tests;

/// <summary>
/// Discovery, the gateway and the Docker runtime never read the store. They all reference Core, where the store's
/// interfaces live, so an assembly reference says nothing: the compiled type references do.
/// </summary>
public sealed class StateUseTests
{
    private const string StateNamespace = "Berth.Core.State";

    [Theory]
    [InlineData("Berth.Discovery")]
    [InlineData("Berth.Discovery.Etcd")]
    [InlineData("Berth.Discovery.ZooKeeper")]
    [InlineData("Berth.Discovery.Selection")]
    [InlineData("Berth.ZooKeeper")]
    [InlineData("Berth.Gateway")]
    [InlineData("Berth.Runtime.Docker")]
    public void TypeReferences_Assembly_NoneOfTheStateStore(string assembly)
    {
        var used = TypesUsedFrom(assembly, StateNamespace);

        Assert.True(used.Count == 0, $"{assembly} uses {string.Join(", ", used)} from {StateNamespace}; architecture.md says it never reads the store");
    }

    [Fact]
    public void TypeReferences_ControlPlane_SeesTheStateStore()
    {
        // Proves the check above can see a use at all.
        Assert.Contains("IStateStore", TypesUsedFrom("Berth.ControlPlane", StateNamespace));
    }

    private static List<string> TypesUsedFrom(string assembly, string ns)
    {
        using var file = File.OpenRead(Assembly.Load(new AssemblyName(assembly)).Location);
        using var pe = new PEReader(file);
        var metadata = pe.GetMetadataReader();
        return
        [
            .. metadata.TypeReferences
                .Select(metadata.GetTypeReference)
                .Where(t => metadata.GetString(t.Namespace) == ns)
                .Select(t => metadata.GetString(t.Name))
                .Distinct()
                .Order(StringComparer.Ordinal),
        ];
    }
}
