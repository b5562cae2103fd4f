using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.ControlPlane.Tests;

/// <summary>Requests through a gateway by Host, and apps of the shared <c>hello</c> image, for the gateway tests.</summary>
internal static class GatewayTestSupport
{
    /// <summary>Creates an app running the <c>hello</c> image (busybox httpd answering "hello vN from host").</summary>
    public static async Task<string> CreateHelloAppAsync(HttpClient tenant, string stem)
    {
        var id = BerthTestServer.UniqueAppId(stem);
        var response = await tenant.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 64, cpuShares = 128, drainSeconds = 0 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    /// <summary>Creates a hello app and deploys <paramref name="instances"/> instances of <paramref name="version"/>.</summary>
    public static async Task<string> DeployHelloAsync(HttpClient tenant, string stem, int instances, string version = "v1")
    {
        var id = await CreateHelloAppAsync(tenant, stem);
        var deployment = await BerthTestServer.DeployAsync(tenant, id, version, instances);
        Assert.Equal("succeeded", deployment.GetProperty("state").GetString());
        return id;
    }

    /// <summary>A GET through <paramref name="gateway"/> with the given Host header.</summary>
    public static async Task<HttpResponseMessage> GetAsync(HttpClient gateway, string host, string path = "/")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return await gateway.SendAsync(request);
    }

    /// <summary>The body of a GET through the gateway, or the status in brackets when it is not 200.</summary>
    public static async Task<string> TextAsync(HttpClient gateway, string host, string path = "/")
    {
        using var response = await GetAsync(gateway, host, path);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : $"[{(int)response.StatusCode}]";
    }

    /// <summary>Sends <paramref name="count"/> GETs through <paramref name="gateway"/> that v1 of the hello app must answer.</summary>
    public static async Task SendToHelloV1Async(HttpClient gateway, string host, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.StartsWith("hello v1 from ", await TextAsync(gateway, host));
        }
    }

    /// <summary>Reads a problem answer's detail after checking its status.</summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("detail").GetString() ?? "";
    }

    /// <summary>Polls until <paramref name="condition"/> holds (settings reach gateways through discovery watches).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition still false after {timeout}");
            await Task.Delay(20);
        }
    }
}
