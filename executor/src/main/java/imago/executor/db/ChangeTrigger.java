package imago.executor.db;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Change capture for the online conversion: runs inside the production database server, in the
 * writing transaction, and records which row of which table changed, so that the incremental sync
 * can convert exactly the rows written since the bulk conversion began.
 */
public final class ChangeTrigger implements Trigger {

    private String table = "";

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        Object[] row = newRow != null ? newRow : oldRow;
        try (PreparedStatement s = conn.prepareStatement("INSERT INTO " + ChangeCapture.TABLE + "(TBL, ROW_ID) VALUES (?, ?)")) {
            s.setString(1, table);
            s.setLong(2, ((Number) row[0]).longValue());
            s.executeUpdate();
        }
    }
}
