using Docker.DotNet.Models;

namespace Berth.Runtime.Docker.Tests;

public sealed class PullProgressTests
{
    [Fact]
    public void Report_StatusOnly_KeepsNoError()
    {
        var progress = new PullProgress();

        progress.Report(new JSONMessage { Status = "Pulling from hello" });

        Assert.Null(progress.Error);
    }

    [Fact]
    public void Report_SeveralErrors_KeepsFirst()
    {
        var progress = new PullProgress();

        progress.Report(new JSONMessage { Status = "Pulling from hello" });
        progress.Report(new JSONMessage { Error = new JSONError { Message = "manifest unknown" } });
        progress.Report(new JSONMessage { Error = new JSONError { Message = "later" } });

        Assert.Equal("manifest unknown", progress.Error);
    }
}
