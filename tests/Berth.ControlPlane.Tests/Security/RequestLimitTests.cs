using System.Net;
using System.Text;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>Bodies, JSON nesting, headers and URLs are bounded; going past a bound is a 4xx, never a 5xx.</summary>
public sealed class RequestLimitTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync();

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Body_OverOneMegabyte_Is413()
    {
        var body = "{\"id\":\"" + new string('a', 1_100_000) + "\"}";

        var response = await _berth.Admin.PostAsync("/v1/apps", Json(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Body_ChunkedOverOneMegabyte_Is413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"id\":\"" + new string('a', 1_100_000) + "\"}")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/apps") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _berth.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Json_NestedTooDeep_Is400()
    {
        var deep = new string('[', 100) + new string(']', 100);

        var response = await _berth.Admin.PostAsync("/v1/apps", Json("{\"id\":\"deep\",\"env\":" + deep + "}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Headers_TooBig_Is431()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/apps");
        request.Headers.Add("X-Padding", new string('x', 40_000));

        var response = await _berth.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Url_TooLong_Is414()
    {
        var response = await _berth.Admin.GetAsync("/v1/apps/" + new string('a', 10_000));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
    }
}
