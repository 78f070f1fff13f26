using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Import;

/// <summary>
/// One prepared INSERT … RETURNING for people, run inside the context's current transaction.
/// Table and column names come from the EF model, and the SQL is the same on SQLite and PostgreSQL.
/// </summary>
internal sealed class PersonInsertCommand : IAsyncDisposable
{
    private readonly DbCommand _command;
    private readonly DbParameter _name, _email, _searchText, _unitId, _isLead, _language, _managerId;

    public PersonInsertCommand(AppDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(Person))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => "\"" + entity.FindProperty(property)!.GetColumnName(table) + "\"";
        var columns = new[] { nameof(Person.Name), nameof(Person.Email), nameof(Person.SearchText), nameof(Person.UnitId), nameof(Person.IsLead), nameof(Person.PreferredLanguage), nameof(Person.ManagerId), nameof(Person.IsActive) };

        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Insert people inside a transaction.");
        _command.CommandText =
            $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(Column))}) " +
            "VALUES (@name, @email, @searchText, @unitId, @isLead, @language, @managerId, TRUE) " +
            $"RETURNING {Column(nameof(Person.Id))}";
        _name = Add("@name");
        _email = Add("@email");
        _searchText = Add("@searchText");
        _unitId = Add("@unitId");
        _isLead = Add("@isLead");
        _language = Add("@language");
        _managerId = Add("@managerId");
    }

    private DbParameter Add(string name)
    {
        var parameter = _command.CreateParameter();
        parameter.ParameterName = name;
        _command.Parameters.Add(parameter);
        return parameter;
    }

    public async Task<int> ExecuteAsync(PeopleCsvRow row, int unitId, int? managerId, CancellationToken cancellationToken)
    {
        _name.Value = row.Name;
        _email.Value = row.Email;
        _searchText.Value = Person.SearchTextOf(row.Name, row.Email);
        _unitId.Value = unitId;
        _isLead.Value = row.IsLead;
        // Enums are stored by name (see AppDbContext.ConfigureConventions).
        _language.Value = row.Language.ToString();
        _managerId.Value = managerId is { } id ? id : DBNull.Value;
        return Convert.ToInt32(await _command.ExecuteScalarAsync(cancellationToken));
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
