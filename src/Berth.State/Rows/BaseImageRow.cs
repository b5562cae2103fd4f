using Berth.Core.Security;

namespace Berth.State.Rows;

/// <summary>A <c>base_images</c> row as Dapper reads it.</summary>
internal sealed class BaseImageRow
{
    public const string Columns = "repository AS Repository, created_at AS CreatedAt";

    public string Repository { get; set; } = "";
    public string CreatedAt { get; set; } = "";

    public BaseImage ToImage() => new(Repository, StoredTime.Parse(CreatedAt));
}
