using Berth.Core.Services;

namespace Berth.State.Rows;

/// <summary>A <c>service_bindings</c> row as Dapper reads and writes it.</summary>
internal sealed class ServiceBindingRow
{
    public const string Columns =
        "service_id AS ServiceId, app_id AS AppId, prefix AS Prefix, user_name AS UserName, password AS Password, created_at AS CreatedAt";

    public string ServiceId { get; set; } = "";
    public string AppId { get; set; } = "";
    public string Prefix { get; set; } = "";
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public string CreatedAt { get; set; } = "";

    public static ServiceBindingRow From(ServiceBinding binding) => new()
    {
        ServiceId = binding.ServiceId,
        AppId = binding.AppId,
        Prefix = binding.Prefix,
        UserName = binding.User,
        Password = binding.SealedPassword,
        CreatedAt = StoredTime.ToText(binding.CreatedAt),
    };

    public ServiceBinding ToBinding() => new()
    {
        ServiceId = ServiceId,
        AppId = AppId,
        Prefix = Prefix,
        User = UserName,
        SealedPassword = Password,
        CreatedAt = StoredTime.Parse(CreatedAt),
    };
}
