namespace Berth.Core.Runtime;

/// <summary>The image is neither on the engine nor in the registry it names.</summary>
public sealed class ImageNotFoundException(string image, string detail)
    : Exception($"image {image} was not found in the registry: {detail}")
{
    public string Image { get; } = image;
}
