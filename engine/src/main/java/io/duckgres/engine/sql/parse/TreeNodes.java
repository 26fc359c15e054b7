package io.duckgres.engine.sql.parse;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import java.util.function.Consumer;

/**
 * Reads every {@link Node} of a finished parse tree, each before its children; the read-only
 * companion of {@link TreeWalk}. Follows the protobuf schema generically, so every node type
 * libpg_query can produce is reached.
 */
public final class TreeNodes {
  private static final Descriptors.OneofDescriptor NODE_TYPES =
      Node.getDescriptor().getOneofs().get(0);

  private TreeNodes() {}

  public static void forEach(Message tree, Consumer<Node> visitor) {
    if (tree instanceof Node node) {
      visitor.accept(node);
      FieldDescriptor set = node.getOneofFieldDescriptor(NODE_TYPES);
      if (set != null && set.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        forEach((Message) node.getField(set), visitor);
      }
      return;
    }
    for (FieldDescriptor field : tree.getDescriptorForType().getFields()) {
      if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (field.isRepeated()) {
        int count = tree.getRepeatedFieldCount(field);
        for (int i = 0; i < count; i++) {
          forEach((Message) tree.getRepeatedField(field, i), visitor);
        }
      } else if (tree.hasField(field)) {
        forEach((Message) tree.getField(field), visitor);
      }
    }
  }
}
