namespace Berth.ControlPlane.Tests;

/// <summary>Waits for a condition that other processes make true, with a bound instead of a fixed sleep.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("the condition did not become true in time");
            }

            await Task.Delay(50);
        }
    }
}
