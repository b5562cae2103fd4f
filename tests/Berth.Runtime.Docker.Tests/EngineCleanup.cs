using Docker.DotNet;
using Docker.DotNet.Models;

namespace Berth.Runtime.Docker.Tests;

/// <summary>Removes the containers and image tags a test made, whether it passed or not.</summary>
internal sealed class EngineCleanup(DockerClient client) : IAsyncDisposable
{
    private readonly List<string> _containers = [];
    private readonly List<string> _images = [];

    public void Container(string idOrName) => _containers.Add(idOrName);

    public void Image(string reference) => _images.Add(reference);

    public async ValueTask DisposeAsync()
    {
        // Not the test's token: cleanup must run even when the test was cancelled.
        foreach (var container in _containers)
        {
            await IgnoreErrors(() => client.Containers.RemoveContainerAsync(container, new ContainerRemoveParameters { Force = true }, CancellationToken.None));
        }

        foreach (var image in _images)
        {
            await IgnoreErrors(() => client.Images.DeleteImageAsync(image, new ImageDeleteParameters(), CancellationToken.None));
        }
    }

    private static async Task IgnoreErrors(Func<Task> remove)
    {
        try
        {
            await remove();
        }
        catch (DockerApiException)
        {
            // Already gone, which is the goal.
        }
    }
}
