using System.Text.Json;
using Berth.ControlPlane.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Berth.ControlPlane.Tests.Operations;

/// <summary>The API's answer to a request that met the state database unable to serve: 503, when to retry and why.</summary>
public sealed class StateUnavailableHandlerTests
{
    [Fact]
    public async Task TryHandleAsync_PostgresStartingUp_503WithRetryAfterAndAReason()
    {
        var (handler, context) = Arrange();

        var handled = await handler.TryHandleAsync(context, new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"), TestContext.Current.CancellationToken);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("State database unavailable", problem.GetProperty("title").GetString());
        Assert.Contains("try again", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("57P03", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryHandleAsync_OtherError_LeftToTheDefault500()
    {
        var (handler, context) = Arrange();

        var handled = await handler.TryHandleAsync(context, new InvalidOperationException("a bug"), TestContext.Current.CancellationToken);

        Assert.False(handled);
        Assert.Equal(0, context.Response.Body.Length);
    }

    private static (StateUnavailableHandler Handler, DefaultHttpContext Context) Arrange()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "GET";
        context.Request.Path = "/v1/apps/web";
        context.Response.Body = new MemoryStream();
        return (new StateUnavailableHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<StateUnavailableHandler>.Instance), context);
    }
}
