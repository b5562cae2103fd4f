using Berth.Projects.Compose;

namespace Berth.Projects.Tests;

public sealed class StartOrderTests
{
    private static ComposeService Service(string name, params string[] dependsOn) => new()
    {
        Name = name,
        Image = "hello",
        Tag = "v1",
        Port = 8080,
        DependsOn = [.. dependsOn.Select(d => new ComposeDependency(d, DependencyCondition.Healthy))],
    };

    [Fact]
    public void Waves_Chain_OneServicePerWaveDependenciesFirst()
    {
        var waves = StartOrder.Waves([Service("web", "api"), Service("api", "db"), Service("db")]);

        Assert.Equal([["db"], ["api"], ["web"]], waves.Select(w => w.Select(s => s.Name).ToArray()));
    }

    [Fact]
    public void Waves_IndependentServices_StartTogetherInFileOrder()
    {
        var waves = StartOrder.Waves([Service("web", "api", "cache"), Service("cache"), Service("api"), Service("worker", "cache")]);

        Assert.Equal([["cache", "api"], ["web", "worker"]], waves.Select(w => w.Select(s => s.Name).ToArray()));
    }

    [Fact]
    public void FindCycle_NoCycle_Null()
    {
        Assert.Null(StartOrder.FindCycle([Service("a", "b"), Service("b", "c"), Service("c"), Service("d", "c")]));
    }

    [Fact]
    public void FindCycle_ThreeServices_ReturnsThePath()
    {
        Assert.Equal(["b", "c", "d", "b"], StartOrder.FindCycle([Service("a", "b"), Service("b", "c"), Service("c", "d"), Service("d", "b")]));
    }
}
